package dev.gatehouse.shared.findings;

import java.util.Map;

/**
 * Something broke a policy clause. Any module publishes this; the enforcement module records it as
 * a finding in the publisher's transaction and acts on it. Lives in {@code shared} so that modules
 * low in the dependency graph can report without depending on enforcement.
 *
 * @param clauseId the clause of the policy pack in force, for example {@code PW-6}
 * @param subjectType {@code app} or {@code organization}
 * @param subjectId the app's or organization's id
 * @param source which mechanism found it, for example {@code flow.legal-acceptance}
 * @param dedupKey findings with the same key for the same subject are recorded once while open
 * @param summary one sentence for people
 * @param evidence what was looked at and what was found; no secrets
 */
public record FindingReported(String clauseId, String subjectType, String subjectId, String source, String dedupKey,
		String summary, Map<String, Object> evidence) {

	public FindingReported {
		evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
	}

}
