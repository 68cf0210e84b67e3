package dev.gatehouse.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPack.PenaltyLadder;
import dev.gatehouse.policy.pack.Severity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PenaltyLadderProposalTests {

	static final PenaltyLadder LADDER = new PenaltyLadder(List.of(PenaltyAction.values()),
			Map.of(Severity.LOW, 0, Severity.MEDIUM, 1, Severity.HIGH, 2, Severity.CRITICAL, 3), 2, 365,
			PenaltyAction.APP_SUSPENSION);

	@Test
	void firstOffenceStartsAtTheStepOfItsSeverity() {
		assertThat(PenaltyLadderProposal.propose(LADDER, Severity.LOW, false, 0).action()).isEqualTo(PenaltyAction.WARNING);
		assertThat(PenaltyLadderProposal.propose(LADDER, Severity.MEDIUM, false, 0).action())
			.isEqualTo(PenaltyAction.SCOPE_RESTRICTION);
		var critical = PenaltyLadderProposal.propose(LADDER, Severity.CRITICAL, false, 0);
		assertThat(critical.action()).isEqualTo(PenaltyAction.APP_SUSPENSION);
		assertThat(critical.basis()).isEqualTo("critical severity starts at step 4 (app-suspension)");
	}

	@Test
	void auditFoundUnreportedStartsTheConfiguredStepsHigher() {
		var proposal = PenaltyLadderProposal.propose(LADDER, Severity.MEDIUM, true, 0);

		assertThat(proposal.step()).isEqualTo(3);
		assertThat(proposal.action()).isEqualTo(PenaltyAction.APP_SUSPENSION);
		assertThat(proposal.basis()).contains("+2 because an audit found it unreported");
	}

	@Test
	void eachRepeatOffenceClimbsOneStepOnTopOfAggravation() {
		assertThat(PenaltyLadderProposal.propose(LADDER, Severity.LOW, false, 1).action())
			.isEqualTo(PenaltyAction.SCOPE_RESTRICTION);
		var proposal = PenaltyLadderProposal.propose(LADDER, Severity.LOW, true, 2);
		assertThat(proposal.action()).isEqualTo(PenaltyAction.APP_BLOCK);
		assertThat(proposal.basis()).contains("+2 repeat offences within 365 days");
	}

	@Test
	void theTopStepIsTheCeiling() {
		var proposal = PenaltyLadderProposal.propose(LADDER, Severity.CRITICAL, true, 5);

		assertThat(proposal.action()).isEqualTo(PenaltyAction.DEVELOPER_SUSPENSION);
		assertThat(proposal.basis()).endsWith("capped at the top of the ladder");
	}

	@Test
	void aShorterLadderIsRespected() {
		var ladder = new PenaltyLadder(List.of(PenaltyAction.WARNING, PenaltyAction.APP_SUSPENSION, PenaltyAction.APP_BLOCK),
				Map.of(Severity.LOW, 0, Severity.MEDIUM, 0, Severity.HIGH, 1, Severity.CRITICAL, 2), 1, 90,
				PenaltyAction.APP_SUSPENSION);

		assertThat(PenaltyLadderProposal.propose(ladder, Severity.LOW, false, 1).action())
			.isEqualTo(PenaltyAction.APP_SUSPENSION);
		assertThat(PenaltyLadderProposal.propose(ladder, Severity.HIGH, true, 0).action()).isEqualTo(PenaltyAction.APP_BLOCK);
	}

}
