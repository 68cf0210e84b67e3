package dev.gatehouse.incidents;

import java.time.Instant;
import java.util.UUID;

/**
 * One customer admin told about an incident, by mail and in-app.
 *
 * @param messageId the mail in the notifications outbox
 * @param status QUEUED until the mail server took the mail, then SENT, or FAILED when every attempt
 * failed; READ once the admin opened the notice's tracked link (from the mail or the inbox)
 * @param lastError why the mail is not out yet, when it is not
 */
public record Notice(UUID id, UUID campaignId, IncidentId incidentId, UUID accountId, UUID userId, String email,
		String subject, String body, UUID messageId, Status status, Instant queuedAt, Instant sentAt, Instant failedAt,
		String lastError, Instant readAt) {

	public enum Status {
		QUEUED, SENT, FAILED, READ
	}

}
