package dev.gatehouse.policy.pack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A validated policy pack: the developer policy as data. */
public record PolicyPack(String id, String name, String version, String platformName, String summary,
		List<AppType> appTypes, Deadlines deadlines, Brand brand, WordLists wordLists,
		List<ProhibitedCategory> prohibitedCategories, List<Clause> clauses, PenaltyLadder penaltyLadder,
		Triage triage) {

	public Optional<Clause> clause(String clauseId) {
		return clauses.stream().filter(c -> c.id().equals(clauseId)).findFirst();
	}

	public record AppType(String id, String name, String description) {
	}

	public record Deadlines(int privacyRequestDays, int privacyReminderDays, int redactionGraceHours,
			int breachNotificationHours, int reacceptanceDays, int evidenceRequestDays, int changeRequestDays,
			int remediationDays) {
	}

	public record Brand(List<String> protectedNames, List<String> forbiddenTerms, LogoRules logo) {
	}

	public record LogoRules(Set<String> formats, int maxBytes, int minPixels, int maxPixels, boolean square) {
	}

	public record WordLists(List<String> profanity, List<String> endorsementClaims, List<String> sensitiveRequests,
			List<String> misleadingClaims) {
	}

	public record ProhibitedCategory(String id, String name, List<String> terms) {
	}

	public record Clause(String id, String section, String title, String text, Severity severity, List<String> covers,
			List<MechanismUse> mechanisms) {
	}

	public record MechanismUse(String id, Map<String, Object> params) {
	}

	public record PenaltyLadder(List<PenaltyAction> steps, Map<Severity, Integer> startBySeverity,
			int auditFoundUnreportedSteps, int repeatWindowDays, PenaltyAction noticeRequiredUpTo) {
	}

	public record Triage(Set<Severity> autoViolationSeverities) {
	}

}
