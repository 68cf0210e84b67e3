package dev.gatehouse.privacy;

import dev.gatehouse.shared.audit.Audited;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happens to privacy requests; each is an audit record. */
public final class PrivacyEvents {

	private PrivacyEvents() {
	}

	/** A request was filed and its recipients were told, in the same transaction. */
	public record RequestFiled(PrivacyRequestId requestId, UUID accountId, RequestKind kind, int subjects,
			List<UUID> recipientApps, Instant dueAt, String actor) implements Audited {

		public String action() {
			return "privacy.request.filed";
		}

		public String target() {
			return "privacy-request:" + requestId;
		}

		public Map<String, Object> details() {
			return Map.of("account", accountId.toString(), "kind", kind.name(), "subjects", subjects, "recipients",
					recipientApps.stream().map(UUID::toString).toList(), "dueAt", dueAt.toString());
		}

	}

	/** One recipient moved on: acknowledged, completed, declined, overdue, or back to notified after a review. */
	public record RecipientStatusChanged(PrivacyRequestId requestId, UUID recipientId, UUID appId, RecipientStatus from,
			RecipientStatus to, String actor) implements Audited {

		public String action() {
			return "privacy.recipient." + to.name().toLowerCase(java.util.Locale.ROOT);
		}

		public String target() {
			return "privacy-request:" + requestId;
		}

		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("recipient", recipientId.toString());
			details.put("app", appId.toString());
			details.put("from", from.name());
			details.put("to", to.name());
			return details;
		}

	}

	/** The request as a whole changed status. */
	public record RequestStatusChanged(PrivacyRequestId requestId, RequestStatus from, RequestStatus to, String actor)
			implements Audited {

		public String action() {
			return "privacy.request." + to.name().toLowerCase(java.util.Locale.ROOT);
		}

		public String target() {
			return "privacy-request:" + requestId;
		}

		public Map<String, Object> details() {
			return Map.of("from", from.name(), "to", to.name());
		}

	}

	/** An operator ruled on an app's decline. */
	public record DeclineReviewed(PrivacyRequestId requestId, UUID recipientId, boolean accepted, String actor)
			implements Audited {

		public String action() {
			return accepted ? "privacy.decline.accepted" : "privacy.decline.rejected";
		}

		public String target() {
			return "privacy-request:" + requestId;
		}

		public Map<String, Object> details() {
			return Map.of("recipient", recipientId.toString());
		}

	}

	/** After an uninstall's grace period the app was asked to redact the account's data. */
	public record RedactionRequested(UUID installationId, UUID accountId, UUID appId, String deliveryId)
			implements Audited {

		public String action() {
			return "privacy.redaction.requested";
		}

		public String target() {
			return "installation:" + installationId;
		}

		public Map<String, Object> details() {
			return Map.of("account", accountId.toString(), "app", appId.toString(), "delivery", deliveryId);
		}

		public String actor() {
			return "system";
		}

	}

}
