package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.restricted-scope-evidence}: restricted scopes come with supporting evidence. */
@Component
class RestrictedScopeEvidenceCheck implements Check {

	@Override
	public String id() {
		return "check.restricted-scope-evidence";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<RequestedScope> restricted = (input.content().scopes() == null ? List.<RequestedScope>of() : input.content().scopes())
			.stream()
			.filter(s -> {
				Scope scope = input.catalogue().get(s.scope());
				return scope != null && scope.tier() == ScopeTier.RESTRICTED;
			})
			.toList();
		if (restricted.isEmpty()) {
			return Verdict.notApplicable("The app requests no restricted scope.");
		}
		List<String> without = restricted.stream()
			.filter(s -> s.evidence() == null || s.evidence().isBlank())
			.map(RequestedScope::scope)
			.toList();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("restricted", restricted.stream().map(RequestedScope::scope).toList());
		evidence.put("withoutEvidence", without);
		return without.isEmpty() ? Verdict.pass("Every restricted scope comes with evidence.", evidence)
				: Verdict.fail("Restricted scope(s) without evidence: " + String.join(", ", without) + ".", evidence);
	}

}
