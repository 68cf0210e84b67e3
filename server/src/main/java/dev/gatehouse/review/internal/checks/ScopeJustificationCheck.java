package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.RequestedScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.scope-justification}: every requested scope has a written reason of at least {@code minLength}. */
@Component
class ScopeJustificationCheck implements Check {

	static final int DEFAULT_MIN_LENGTH = 20;

	@Override
	public String id() {
		return "check.scope-justification";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		int min = Check.intParam(params, "minLength", DEFAULT_MIN_LENGTH);
		List<RequestedScope> scopes = input.content().scopes() == null ? List.of() : input.content().scopes();
		if (scopes.isEmpty()) {
			return Verdict.notApplicable("The app requests no scope.");
		}
		Map<String, Integer> lengths = new LinkedHashMap<>();
		scopes.forEach(s -> lengths.put(s.scope(), s.justification() == null ? 0 : s.justification().strip().length()));
		List<String> short_ = lengths.entrySet().stream().filter(e -> e.getValue() < min).map(Map.Entry::getKey).toList();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("minLength", min);
		evidence.put("justificationLengths", lengths);
		evidence.put("unjustified", short_);
		return short_.isEmpty() ? Verdict.pass("All " + scopes.size() + " requested scope(s) are justified.", evidence)
				: Verdict.fail("Scope(s) without a justification of " + min + " characters: " + String.join(", ", short_) + ".",
						evidence);
	}

}
