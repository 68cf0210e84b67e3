package dev.gatehouse.enforcement;

import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPack.PenaltyLadder;
import dev.gatehouse.policy.pack.Severity;

/**
 * Where the ladder puts a violation: a first offence starts at the step of its severity, an audit
 * that found it unreported adds {@code auditFoundUnreportedSteps}, each earlier offence of the same
 * subject within {@code repeatWindowDays} adds one; the top step is the ceiling.
 *
 * @param step the 0-based index into the ladder's steps
 * @param basis how it got there, for the operator and the developer
 */
public record PenaltyLadderProposal(PenaltyAction action, int step, String basis) {

	public static PenaltyLadderProposal propose(PenaltyLadder ladder, Severity severity, boolean auditFoundUnreported,
			int priorOffences) {
		int start = ladder.startBySeverity().getOrDefault(severity, 0);
		int aggravation = auditFoundUnreported ? ladder.auditFoundUnreportedSteps() : 0;
		int repeats = Math.max(priorOffences, 0);
		int last = ladder.steps().size() - 1;
		int step = Math.min(start + aggravation + repeats, last);
		StringBuilder basis = new StringBuilder(severity.value()).append(" severity starts at step ")
			.append(start + 1)
			.append(" (")
			.append(ladder.steps().get(Math.min(start, last)).value())
			.append(")");
		if (aggravation > 0) {
			basis.append("; +").append(aggravation).append(" because an audit found it unreported");
		}
		if (repeats > 0) {
			basis.append("; +")
				.append(repeats)
				.append(repeats == 1 ? " repeat offence" : " repeat offences")
				.append(" within ")
				.append(ladder.repeatWindowDays())
				.append(" days");
		}
		if (start + aggravation + repeats > last) {
			basis.append("; capped at the top of the ladder");
		}
		return new PenaltyLadderProposal(ladder.steps().get(step), step, basis.toString());
	}

}
