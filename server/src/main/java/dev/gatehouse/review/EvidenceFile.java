package dev.gatehouse.review;

import java.time.Instant;
import java.util.UUID;

/** A file uploaded as evidence (its content is read with {@link Audits#fileContent}). */
public record EvidenceFile(UUID id, UUID requestId, String fileName, String contentType, int sizeBytes, String sha256,
		String uploadedBy, Instant uploadedAt) {
}
