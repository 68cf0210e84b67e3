package dev.gatehouse.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * An email in the outbox, as operators see it.
 *
 * @param recipientUserId the user it was written to, when the caller said so
 * @param htmlBody the HTML alternative, or {@code null}; show it as text, never render it
 * @param nextAttemptAt when the sender tries next (QUEUED and FAILED only)
 * @param lastError a short description of the last failure, or {@code null}
 */
public record OutboxMessage(UUID id, Instant createdAt, String to, UUID recipientUserId, String category,
		String subject, String textBody, String htmlBody, OutboxStatus status, int attempts, Instant nextAttemptAt,
		Instant lastAttemptAt, Instant sentAt, String lastError) {

}
