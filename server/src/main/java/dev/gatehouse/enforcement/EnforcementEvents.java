package dev.gatehouse.enforcement;

import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.shared.audit.Audited;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Every step of enforcement, each a line in the audit log. */
public final class EnforcementEvents {

	private EnforcementEvents() {
	}

	public record ViolationOpened(UUID violationId, String clauseId, String subject, String source, String severity,
			PenaltyAction proposed, String basis) implements Audited {
		public String action() { return "enforcement.violation.opened"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() {
			return Map.of("clause", clauseId, "subject", subject, "source", source, "severity", severity, "proposed",
					proposed.value(), "basis", basis);
		}
	}

	public record ActionTaken(UUID violationId, UUID actionId, PenaltyAction taken, PenaltyAction proposed,
			boolean noticeGiven, String reason, String subject) implements Audited {
		public String action() { return "enforcement.action.taken"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("action", taken.value());
			details.put("proposed", proposed.value());
			details.put("changed", taken != proposed);
			details.put("noticeGiven", noticeGiven);
			details.put("reason", reason);
			details.put("subject", subject);
			details.put("actionId", actionId.toString());
			return details;
		}
	}

	public record NoticesSent(UUID violationId, String audience, int recipients, String about) implements Audited {
		public String action() { return "enforcement.notice.sent"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() { return Map.of("audience", audience, "recipients", recipients, "about", about); }
	}

	public record ViolationReinstated(UUID violationId, UUID actionId, PenaltyAction lifted, String reason)
			implements Audited {
		public String action() { return "enforcement.violation.reinstated"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() {
			return Map.of("lifted", lifted.value(), "reason", reason, "actionId", actionId.toString());
		}
	}

	public record ViolationDismissed(UUID violationId, String reason) implements Audited {
		public String action() { return "enforcement.violation.dismissed"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() { return Map.of("reason", reason); }
	}

	public record AppealFiled(UUID appealId, UUID violationId, UUID filedBy) implements Audited {
		public String action() { return "enforcement.appeal.filed"; }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() { return Map.of("appeal", appealId.toString(), "filedBy", filedBy.toString()); }
	}

	public record AppealDecided(UUID appealId, UUID violationId, AppealStatus outcome, String reason) implements Audited {
		public String action() { return "enforcement.appeal." + outcome.name().toLowerCase(); }
		public String target() { return "violation:" + violationId; }
		public Map<String, Object> details() { return Map.of("appeal", appealId.toString(), "reason", reason); }
	}

	public record AbuseReported(UUID reportId, UUID appId, String category) implements Audited {
		public String action() { return "enforcement.abuse_report.filed"; }
		public String target() { return "abuse_report:" + reportId; }
		public Map<String, Object> details() { return Map.of("app", appId.toString(), "category", category); }
	}

	public record AbuseReportTriaged(UUID reportId, AbuseReportStatus outcome, UUID violationId, String note)
			implements Audited {
		public String action() { return "enforcement.abuse_report." + outcome.name().toLowerCase(); }
		public String target() { return "abuse_report:" + reportId; }
		public Map<String, Object> details() {
			return Map.of("violation", violationId == null ? "" : violationId.toString(), "note", note);
		}
	}

}
