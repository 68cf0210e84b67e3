package dev.gatehouse.policy;

import java.time.Instant;
import java.util.UUID;

/** One version of a legal document, draft or published. */
public record DocumentVersion(UUID id, DocumentKind kind, int version, String content, String contentHash,
		String changeSummary, String packId, String packVersion, boolean published, Instant createdAt,
		String createdBy, Instant publishedAt, String publishedBy, Instant effectiveAt, Boolean withNotice,
		Instant reacceptBy) {

	public String label() {
		return kind.title() + " v" + version;
	}

}
