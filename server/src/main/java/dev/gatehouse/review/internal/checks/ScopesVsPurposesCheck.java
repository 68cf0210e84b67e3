package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * {@code check.scopes-vs-purposes}: every data category a requested scope reaches is declared in the
 * data-use declaration with at least one purpose. What the app then actually calls is watched by the
 * gateway and the monitoring checks; this check keeps the declaration honest at review time.
 */
@Component
class ScopesVsPurposesCheck implements Check {

	@Override
	public String id() {
		return "check.scopes-vs-purposes";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<RequestedScope> requested = input.content().scopes() == null ? List.of() : input.content().scopes();
		if (requested.isEmpty()) {
			return Verdict.notApplicable("The app requests no scope.");
		}
		DataUse use = input.content().dataUse() == null ? DataUse.none() : input.content().dataUse();
		Set<String> declared = use.categories()
			.stream()
			.filter(c -> c.purposes() != null && c.purposes().stream().anyMatch(p -> p != null && !p.isBlank()))
			.map(c -> c.category().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		Map<String, List<String>> undeclared = new LinkedHashMap<>();
		for (RequestedScope r : requested) {
			Scope scope = input.catalogue().get(r.scope());
			if (scope == null) {
				continue;
			}
			List<String> missing = scope.dataCategories()
				.stream()
				.filter(c -> !declared.contains(c.toLowerCase(Locale.ROOT)))
				.toList();
			if (!missing.isEmpty()) {
				undeclared.put(scope.name(), missing);
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("declaredCategories", declared.stream().sorted().toList());
		evidence.put("undeclared", undeclared);
		return undeclared.isEmpty() ? Verdict.pass("Every data category the scopes reach has a declared purpose.", evidence)
				: Verdict.fail("Data categories reached without a declared purpose: " + undeclared.entrySet()
					.stream()
					.map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
					.collect(Collectors.joining("; ")) + ".", evidence);
	}

}
