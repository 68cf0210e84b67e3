package dev.gatehouse.enforcement;

import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.Severity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A breach of a clause by an app or a developer organization, with the action the penalty ladder
 * proposes for it.
 *
 * @param source what found it: a finding's mechanism ({@code check.*}, {@code audit.*},
 * {@code guard.*}, {@code flow.*}, {@code incident.*}), {@code abuse-report} or {@code reviewer}
 * @param selfReported the developer told the platform first
 * @param auditFound an audit found it before the developer reported it
 * @param proposalBasis how the ladder reached the proposed action, for people
 */
public record Violation(UUID id, String clauseId, String subjectType, String subjectId, UUID organizationId,
		String source, String summary, List<String> evidenceLinks, List<UUID> findingIds, Severity severity,
		boolean selfReported, boolean auditFound, ViolationStatus status, PenaltyAction proposedAction,
		String proposalBasis, String openedBy, Instant openedAt, Instant closedAt, String closedReason) {

	public boolean isApp() {
		return "app".equals(subjectType);
	}

}
