package dev.gatehouse.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * One app asked to act on a request.
 *
 * @param reason why it was asked: {@code lineage} (the access log shows it touched a subject),
 * {@code scopes} (its granted scopes reach the data), or {@code installed} (account closure)
 * @param deliveryId the webhook message id that told it
 * @param completedAt when the app says it finished; {@code reportedAt} is when it told us
 * @param reviewDecision an operator's verdict on a decline: {@code ACCEPTED} or {@code REJECTED}
 */
public record Recipient(UUID id, PrivacyRequestId requestId, UUID appId, String appName, UUID installationId,
		String reason, String deliveryId, RecipientStatus status, Instant notifiedAt, Instant dueAt,
		Instant acknowledgedAt, Instant completedAt, Instant reportedAt, Instant declinedAt, String outcome,
		String declineReason, String reviewDecision, String reviewNote, String reviewedBy, Instant reviewedAt,
		Instant lastReminderAt) {

	public Recipient withAppName(String name) {
		return new Recipient(id, requestId, appId, name, installationId, reason, deliveryId, status, notifiedAt, dueAt,
				acknowledgedAt, completedAt, reportedAt, declinedAt, outcome, declineReason, reviewDecision, reviewNote,
				reviewedBy, reviewedAt, lastReminderAt);
	}

}
