package dev.gatehouse.review;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One check's verdict on one clause.
 *
 * @param evidence what was looked at, when, and what was found (never secrets)
 */
public record CheckResult(UUID id, UUID runId, String clauseId, String mechanismId, CheckOutcome outcome,
		String summary, Map<String, Object> evidence, Instant checkedAt) {
}
