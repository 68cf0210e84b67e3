package dev.gatehouse.privacy.web;

import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.Recipient;
import dev.gatehouse.privacy.RequestEvent;
import dev.gatehouse.privacy.RequestEvidence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The evidence export's JSON: flat values, so that it reads without knowing our types. */
record EvidenceJson(RequestJson request, List<RecipientJson> recipients, List<RequestEvent> history) {

	static EvidenceJson of(RequestEvidence evidence) {
		return new EvidenceJson(RequestJson.of(evidence.request()),
				evidence.recipients().stream().map(RecipientJson::of).toList(), evidence.history());
	}

	record RequestJson(UUID id, UUID accountId, String kind, List<String> subjectIds, List<String> changedFields,
			String filedBy, boolean filedByOperator, Instant filedAt, Instant dueAt, String status, Instant closedAt) {

		static RequestJson of(PrivacyRequest r) {
			return new RequestJson(r.id().value(), r.accountId().value(), r.kind().name(), r.subjectIds(), r.changedFields(),
					r.filedByEmail(), r.filedByOperator(), r.filedAt(), r.dueAt(), r.status().name(), r.closedAt());
		}

	}

	record RecipientJson(UUID appId, String appName, String reason, String webhookId, String status, Instant notifiedAt,
			Instant dueAt, Instant acknowledgedAt, Instant completedAt, Instant reportedAt, Instant declinedAt,
			String outcome, String declineReason, String reviewDecision, String reviewNote, Instant reviewedAt) {

		static RecipientJson of(Recipient r) {
			return new RecipientJson(r.appId(), r.appName(), r.reason(), r.deliveryId(), r.status().name(), r.notifiedAt(),
					r.dueAt(), r.acknowledgedAt(), r.completedAt(), r.reportedAt(), r.declinedAt(), r.outcome(),
					r.declineReason(), r.reviewDecision(), r.reviewNote(), r.reviewedAt());
		}

	}

}
