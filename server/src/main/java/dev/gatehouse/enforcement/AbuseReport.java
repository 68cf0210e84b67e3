package dev.gatehouse.enforcement;

import java.time.Instant;
import java.util.UUID;

/** A customer's "report this app". */
public record AbuseReport(UUID id, UUID appId, UUID reporterId, String category, String description,
		AbuseReportStatus status, Instant reportedAt, String triagedBy, Instant triagedAt, String triageNote,
		UUID violationId) {
}
