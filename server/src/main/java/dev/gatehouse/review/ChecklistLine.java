package dev.gatehouse.review;

import dev.gatehouse.policy.pack.PolicyPack;

import java.util.List;

/**
 * One clause of the pack in force on a review or audit checklist.
 *
 * @param checklistItem what the reviewer is asked ({@code flow.review checklistItem}), or null
 * @param automated the latest results of the clause's checks against the revision
 * @param personChecks whether a person has to judge it (a flow.review, attestation or audit clause,
 * or no automated check at all)
 * @param mark the reviewer's or auditor's mark, or null
 */
public record ChecklistLine(PolicyPack.Clause clause, List<String> mechanisms, String checklistItem,
		List<CheckResult> automated, boolean personChecks, Mark mark) {

	/** The worst automated outcome: FAIL over ERROR over PASS over NOT_APPLICABLE; null without checks. */
	public CheckOutcome automatedOutcome() {
		if (automated.isEmpty()) {
			return null;
		}
		for (CheckOutcome worst : List.of(CheckOutcome.FAIL, CheckOutcome.ERROR, CheckOutcome.PASS)) {
			if (automated.stream().anyMatch(r -> r.outcome() == worst)) {
				return worst;
			}
		}
		return CheckOutcome.NOT_APPLICABLE;
	}

	/** Whether the line still needs a mark before approval: person checks, and failed or errored checks. */
	public boolean needsMark() {
		CheckOutcome outcome = automatedOutcome();
		return personChecks || outcome == CheckOutcome.FAIL || outcome == CheckOutcome.ERROR;
	}

}
