package dev.gatehouse.review.internal.checks;

import dev.gatehouse.policy.DocumentStanding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.legal-acceptance}: the developer organization stands well with every current
 * document (accepted, or within the re-acceptance deadline of a version published with notice).
 */
@Component
class LegalAcceptanceCheck implements Check {

	@Override
	public String id() {
		return "check.legal-acceptance";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<DocumentStanding> standing = input.standing();
		Map<String, Object> documents = new LinkedHashMap<>();
		standing.forEach(s -> documents.put(s.kind().slug(), Map.of("state", s.state().name(), "currentVersion",
				s.current() == null ? 0 : s.current().version(), "acceptedVersion",
				s.acceptedVersion() == null ? 0 : s.acceptedVersion())));
		List<String> missing = standing.stream().filter(s -> !s.inGoodStanding()).map(s -> s.kind().title()).toList();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("documents", documents);
		evidence.put("notAccepted", missing);
		return missing.isEmpty() ? Verdict.pass("The organization accepted the current version of every document.", evidence)
				: Verdict.fail("Not accepted: " + String.join(", ", missing) + ".", evidence);
	}

}
