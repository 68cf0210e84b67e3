package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.shared.audit.Audited;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The review module's events; each is a line in the audit log. */
public final class ReviewEvents {

	private ReviewEvents() {
	}

	public record CheckRunQueued(UUID runId, AppId appId, int revisionNumber, CheckTrigger trigger) implements Audited {
		public String action() { return "review.checks.queued"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() {
			return Map.of("run", runId.toString(), "revision", revisionNumber, "trigger", trigger.name());
		}
	}

	public record CheckRunCompleted(UUID runId, AppId appId, int revisionNumber, int passed, int failed, int errors)
			implements Audited {
		public String action() { return "review.checks.completed"; }
		public String target() { return "app:" + appId; }
		public String actor() { return "system"; }
		public Map<String, Object> details() {
			return Map.of("run", runId.toString(), "revision", revisionNumber, "passed", passed, "failed", failed,
					"errors", errors);
		}
	}

	public record ReviewOpened(UUID reviewId, AppId appId, int revisionNumber) implements Audited {
		public String action() { return "review.review.opened"; }
		public String target() { return "review:" + reviewId; }
		public Map<String, Object> details() { return Map.of("app", appId.toString(), "revision", revisionNumber); }
	}

	public record ReviewAssigned(UUID reviewId, AppId appId, String assignee) implements Audited {
		public String action() { return "review.review.assigned"; }
		public String target() { return "review:" + reviewId; }
		public Map<String, Object> details() {
			return Map.of("app", appId.toString(), "assignee", assignee == null ? "" : assignee);
		}
	}

	public record ChecklistMarked(UUID reviewId, UUID auditId, String clauseId, String mark) implements Audited {
		public String action() { return "review.checklist.marked"; }
		public String target() { return reviewId != null ? "review:" + reviewId : "audit:" + auditId; }
		public Map<String, Object> details() { return Map.of("clause", clauseId, "mark", mark); }
	}

	public record ReviewDecided(UUID reviewId, AppId appId, int revisionNumber, ReviewStatus decision, int requiredChanges,
			String note) implements Audited {
		public String action() { return "review.review." + decision.name().toLowerCase(); }
		public String target() { return "review:" + reviewId; }
		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("app", appId.toString());
			details.put("revision", revisionNumber);
			details.put("requiredChanges", requiredChanges);
			details.put("note", note == null ? "" : note);
			return details;
		}
	}

	public record ChangeAnswered(UUID changeId, AppId appId) implements Audited {
		public String action() { return "review.change.answered"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("change", changeId.toString()); }
	}

	public record AuditOpened(UUID auditId, AppId appId, String tier, String reason, int evidenceRequests)
			implements Audited {
		public String action() { return "review.audit.opened"; }
		public String target() { return "audit:" + auditId; }
		public Map<String, Object> details() {
			return Map.of("app", appId.toString(), "tier", tier, "reason", reason, "evidenceRequests", evidenceRequests);
		}
	}

	public record AuditClosed(UUID auditId, AppId appId, String outcome, int failedLines) implements Audited {
		public String action() { return "review.audit.closed"; }
		public String target() { return "audit:" + auditId; }
		public Map<String, Object> details() {
			return Map.of("app", appId.toString(), "outcome", outcome, "failedLines", failedLines);
		}
	}

	public record EvidenceRequested(UUID requestId, AppId appId, UUID auditId, String clauseId, String dueAt)
			implements Audited {
		public String action() { return "review.evidence.requested"; }
		public String target() { return "evidence-request:" + requestId; }
		public Map<String, Object> details() {
			return Map.of("app", appId.toString(), "audit", auditId == null ? "" : auditId.toString(), "clause", clauseId,
					"dueAt", dueAt);
		}
	}

	public record EvidenceSubmitted(UUID requestId, AppId appId, int files) implements Audited {
		public String action() { return "review.evidence.submitted"; }
		public String target() { return "evidence-request:" + requestId; }
		public Map<String, Object> details() { return Map.of("app", appId.toString(), "files", files); }
	}

	public record EvidenceDecided(UUID requestId, AppId appId, boolean accepted, String note) implements Audited {
		public String action() { return accepted ? "review.evidence.accepted" : "review.evidence.returned"; }
		public String target() { return "evidence-request:" + requestId; }
		public Map<String, Object> details() {
			return Map.of("app", appId.toString(), "note", note == null ? "" : note);
		}
	}

	public record ChangesOverdue(UUID reviewId, AppId appId, int revisionNumber) implements Audited {
		public String action() { return "review.changes.overdue"; }
		public String target() { return "review:" + reviewId; }
		public String actor() { return "system"; }
		public Map<String, Object> details() { return Map.of("app", appId.toString(), "revision", revisionNumber); }
	}

	public record EvidenceOverdue(UUID requestId, AppId appId, String clauseId) implements Audited {
		public String action() { return "review.evidence.overdue"; }
		public String target() { return "evidence-request:" + requestId; }
		public String actor() { return "system"; }
		public Map<String, Object> details() { return Map.of("app", appId.toString(), "clause", clauseId); }
	}

}
