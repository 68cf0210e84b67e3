package dev.gatehouse.enforcement.internal;

import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPack.PenaltyLadder;
import dev.gatehouse.policy.pack.Severity;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The enforcement terms of the policy pack in force: the penalty ladder, the triage rule, clause
 * severities and the remediation deadline. Without a published pack, the defaults of
 * docs/policy-packs.md apply.
 */
@Component
public class EnforcementTerms {

	static final PenaltyLadder DEFAULT_LADDER = new PenaltyLadder(List.of(PenaltyAction.values()),
			Map.of(Severity.LOW, 0, Severity.MEDIUM, 0, Severity.HIGH, 2, Severity.CRITICAL, 3), 1, 365,
			PenaltyAction.APP_SUSPENSION);

	static final int DEFAULT_REMEDIATION_DAYS = 14;

	private final LegalDocuments documents;

	EnforcementTerms(LegalDocuments documents) {
		this.documents = documents;
	}

	public PenaltyLadder ladder() {
		return pack().map(PolicyPack::penaltyLadder).filter(l -> l != null && !l.steps().isEmpty()).orElse(DEFAULT_LADDER);
	}

	/** Severities whose findings become violations without triage. */
	public Set<Severity> autoViolationSeverities() {
		return pack().map(PolicyPack::triage)
			.map(PolicyPack.Triage::autoViolationSeverities)
			.orElse(EnumSet.of(Severity.CRITICAL));
	}

	/** The clause's severity; a clause the pack does not know counts as medium. */
	public Severity severityOf(String clauseId) {
		return pack().flatMap(p -> p.clause(clauseId)).map(PolicyPack.Clause::severity).orElse(Severity.MEDIUM);
	}

	public List<PolicyPack.Clause> clauses() {
		return pack().map(PolicyPack::clauses).orElse(List.of());
	}

	public Duration remediation() {
		return Duration.ofDays(pack().map(PolicyPack::deadlines)
			.map(PolicyPack.Deadlines::remediationDays)
			.filter(d -> d > 0)
			.orElse(DEFAULT_REMEDIATION_DAYS));
	}

	/** Whether the pack asks for notice before this action (heavier ones may be taken without). */
	public boolean noticeRequired(PenaltyAction action) {
		return action.ordinal() <= ladder().noticeRequiredUpTo().ordinal();
	}

	public String platformName() {
		return pack().map(PolicyPack::platformName).orElse("the platform");
	}

	private Optional<PolicyPack> pack() {
		return documents.currentPack();
	}

}
