package dev.gatehouse.incidents;

import java.time.Instant;
import java.util.UUID;

/**
 * The notice to affected customers: a subject and body with placeholders (see {@code internal.NoticeTemplate}),
 * reviewed as a draft, then sent once to every affected account not told yet.
 */
public record Campaign(UUID id, IncidentId incidentId, String subject, String body, Status status, Instant createdAt,
		String createdBy, Instant updatedAt, Instant sentAt, String sentBy) {

	public enum Status {
		DRAFT, SENT
	}

}
