package dev.gatehouse.enforcement;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A recorded breach of a clause, with its evidence. */
public record Finding(UUID id, String clauseId, String subjectType, String subjectId, String source, String summary,
		Map<String, Object> evidence, FindingStatus status, Instant foundAt, Instant closedAt, String closedReason) {
}
