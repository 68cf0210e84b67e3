package dev.gatehouse.enforcement;

import java.time.Instant;
import java.util.UUID;

/** One notice sent about a violation: {@code developer} (a member) or {@code customer} (an installer's admin). */
public record Notice(UUID id, UUID violationId, String audience, UUID userId, String email, String subject, String body,
		Instant sentAt) {
}
