package dev.gatehouse.enforcement;

import java.time.Instant;
import java.util.UUID;

public record Appeal(UUID id, UUID violationId, UUID filedBy, String grounds, AppealStatus status, Instant filedAt,
		String decidedBy, Instant decidedAt, String decisionReason) {
}
