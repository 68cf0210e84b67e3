package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.SecurityQuestionnaire;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.security-questionnaire}: every question answered, encryption at rest and staff MFA
 * confirmed, and (when the pack sets {@code maxPenTestAgeDays}) a penetration test that recent.
 */
@Component
class SecurityQuestionnaireCheck implements Check {

	@Override
	public String id() {
		return "check.security-questionnaire";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		SecurityQuestionnaire q = input.content().security() == null ? SecurityQuestionnaire.unanswered()
				: input.content().security();
		List<String> problems = new ArrayList<>();
		if (!q.complete()) {
			problems.add("not every question is answered");
		}
		if (Boolean.FALSE.equals(q.encryptionAtRest())) {
			problems.add("no encryption at rest");
		}
		if (Boolean.FALSE.equals(q.staffMfa())) {
			problems.add("staff do not use multi-factor authentication");
		}
		Integer maxAge = params.get("maxPenTestAgeDays") instanceof Number n ? n.intValue() : null;
		LocalDate today = LocalDate.ofInstant(input.now(), ZoneOffset.UTC);
		if (maxAge != null) {
			if (q.lastPenetrationTest() == null) {
				problems.add("no penetration test date");
			}
			else if (q.lastPenetrationTest().isBefore(today.minusDays(maxAge))) {
				problems.add("the last penetration test (" + q.lastPenetrationTest() + ") is older than " + maxAge + " days");
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("encryptionAtRest", String.valueOf(q.encryptionAtRest()));
		evidence.put("staffMfa", String.valueOf(q.staffMfa()));
		evidence.put("loginAuditing", String.valueOf(q.loginAuditing()));
		evidence.put("incidentContact", q.incidentContact() == null ? "" : q.incidentContact());
		evidence.put("lastPenetrationTest", String.valueOf(q.lastPenetrationTest()));
		evidence.put("maxPenTestAgeDays", maxAge == null ? "not set" : maxAge);
		evidence.put("problems", problems);
		return problems.isEmpty() ? Verdict.pass("The security questionnaire is complete.", evidence)
				: Verdict.fail("Security questionnaire: " + String.join("; ", problems) + ".", evidence);
	}

}
