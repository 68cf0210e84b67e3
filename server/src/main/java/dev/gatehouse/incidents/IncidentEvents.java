package dev.gatehouse.incidents;

import dev.gatehouse.shared.audit.Audited;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happens to incidents; each is an audit record. */
public final class IncidentEvents {

	private IncidentEvents() {
	}

	private static String target(IncidentId id) {
		return "incident:" + id;
	}

	/** An incident was reported (self-reported by a developer or an app, or opened by an operator). */
	public record IncidentOpened(IncidentId incidentId, String reference, boolean selfReported, Instant platformAwareAt,
			List<UUID> appIds, String actor) implements Audited {

		public String action() {
			return "incident.opened";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("reference", reference, "selfReported", selfReported, "platformAwareAt",
					platformAwareAt.toString(), "apps", appIds.stream().map(UUID::toString).toList());
		}

	}

	/** An operator changed what is known: the window, the categories, the description, containment or contact. */
	public record IncidentAmended(IncidentId incidentId, List<String> fields, String actor) implements Audited {

		public String action() {
			return "incident.amended";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("fields", fields);
		}

	}

	/** The blast radius was computed for a window (a new snapshot; the previous one is kept). */
	public record BlastRadiusComputed(IncidentId incidentId, UUID snapshotId, Instant windowFrom, Instant windowTo,
			int accounts, long subjects, long touches, String actor) implements Audited {

		public String action() {
			return "incident.blast_radius.computed";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("snapshot", snapshotId.toString(), "windowFrom", windowFrom.toString(), "windowTo",
					windowTo.toString(), "accounts", accounts, "subjects", subjects, "touches", touches);
		}

	}

	/** The notice draft was written or edited. */
	public record NoticeDrafted(IncidentId incidentId, UUID campaignId, String actor) implements Audited {

		public String action() {
			return "incident.notice.drafted";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("campaign", campaignId.toString());
		}

	}

	/** The notice went out to the admins of the affected accounts not told before. */
	public record CampaignSent(IncidentId incidentId, UUID campaignId, int accounts, int recipients, String actor)
			implements Audited {

		public String action() {
			return "incident.campaign.sent";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("campaign", campaignId.toString(), "accounts", accounts, "recipients", recipients);
		}

	}

	/** One notice moved on: sent, failed or read. */
	public record NoticeStatusChanged(IncidentId incidentId, UUID noticeId, UUID accountId, Notice.Status from,
			Notice.Status to, String actor) implements Audited {

		public String action() {
			return "incident.notice." + to.name().toLowerCase(java.util.Locale.ROOT);
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("notice", noticeId.toString());
			details.put("account", accountId.toString());
			details.put("from", from.name());
			details.put("to", to.name());
			return details;
		}

	}

	/** Every account of the current blast radius has been sent its notice: the customer clock stopped. */
	public record CustomersNotified(IncidentId incidentId, Instant at, int accounts, String actor) implements Audited {

		public String action() {
			return "incident.customers.notified";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("at", at.toString(), "accounts", accounts);
		}

	}

	/** An operator recorded that the supervisory authority was notified: the authority clock stopped. */
	public record AuthorityNotified(IncidentId incidentId, Instant at, String reference, String actor) implements Audited {

		public String action() {
			return "incident.authority.notified";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return reference == null ? Map.of("at", at.toString()) : Map.of("at", at.toString(), "reference", reference);
		}

	}

	/** A clock ran out with what it waits for not done. */
	public record ClockOverdue(IncidentId incidentId, String clock, Instant dueAt) implements Audited {

		public String action() {
			return "incident.clock.overdue";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

		public Map<String, Object> details() {
			return Map.of("clock", clock, "dueAt", dueAt.toString());
		}

		public String actor() {
			return "system";
		}

	}

	public record IncidentClosed(IncidentId incidentId, String note, String actor) implements Audited {

		public String action() {
			return "incident.closed";
		}

		public String target() {
			return IncidentEvents.target(incidentId);
		}

	}

}
