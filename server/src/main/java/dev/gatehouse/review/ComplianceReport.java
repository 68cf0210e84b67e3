package dev.gatehouse.review;

import java.time.Instant;
import java.util.List;

/**
 * Proof of compliance of one app: every clause of the pack in force, its mechanisms, the latest
 * automated results, the reviewer's and auditor's marks, the evidence and the history.
 */
public record ComplianceReport(Instant generatedAt, AppSummary app, PackSummary pack, ShownRun latestRun,
		List<ClauseReport> clauses, List<ReviewSummary> reviews, List<AuditSummary> audits) {

	public record AppSummary(String id, String name, String status, String organization, boolean verifiedPublisher,
			String riskTier, Integer liveRevision, Instant nextAuditDue) {
	}

	public record PackSummary(String id, String version, String platformName) {
	}

	/** The run whose results the clauses show. */
	public record ShownRun(String id, int revision, String trigger, Instant finishedAt) {
	}

	public record ClauseReport(String id, String section, String title, String severity, List<String> covers,
			List<MechanismReport> mechanisms, List<CheckResult> latestResults, Mark reviewMark, Mark auditMark,
			List<EvidenceReport> evidence, List<HistoryEntry> history) {

		/** One word for the clause: fail, error, pass, not applicable, or "person" when only people judge it. */
		public String status() {
			if (latestResults.stream().anyMatch(r -> r.outcome() == CheckOutcome.FAIL)
					|| (auditMark != null && auditMark.mark() == CheckOutcome.FAIL)) {
				return "fail";
			}
			if (latestResults.stream().anyMatch(r -> r.outcome() == CheckOutcome.ERROR)) {
				return "error";
			}
			if (latestResults.stream().anyMatch(r -> r.outcome() == CheckOutcome.PASS)) {
				return "pass";
			}
			if (!latestResults.isEmpty()) {
				return "not applicable";
			}
			Mark mark = auditMark != null ? auditMark : reviewMark;
			return mark == null ? "not checked automatically" : mark.mark().label() + " (marked)";
		}

	}

	public record MechanismReport(String id, String kind) {
	}

	public record EvidenceReport(String requestId, String request, String status, Instant requestedAt, Instant dueAt,
			Instant answeredAt, List<EvidenceFile> files) {
	}

	public record HistoryEntry(Instant checkedAt, String mechanism, String outcome, String summary) {
	}

	public record ReviewSummary(String id, int revision, String status, Instant submittedAt, Instant decidedAt,
			String decidedBy, String note) {
	}

	public record AuditSummary(String id, String tier, String reason, Instant openedAt, Instant dueAt, String outcome,
			Instant closedAt, String note) {
	}

}
