package dev.gatehouse.review.internal.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.brand-terms}: the app's name does not contain a protected name (listings may mention
 * the platform, names may not borrow it), and no field uses a forbidden term.
 */
@Component
class BrandTermsCheck implements Check {

	@Override
	public String id() {
		return "check.brand-terms";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		var brand = input.pack().brand();
		var inName = Phrases.find(Map.of("name", input.name()), brand.protectedNames());
		var forbidden = Phrases.find(input.listingText(), brand.forbiddenTerms());
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("protectedNames", brand.protectedNames());
		evidence.put("protectedNameInAppName", inName.getOrDefault("name", List.of()));
		evidence.put("forbiddenTermsFound", forbidden);
		if (inName.isEmpty() && forbidden.isEmpty()) {
			return Verdict.pass("No protected name in the app name and no forbidden term in the listing.", evidence);
		}
		StringBuilder text = new StringBuilder();
		if (!inName.isEmpty()) {
			text.append("The app name uses ").append(String.join(", ", inName.get("name"))).append(". ");
		}
		if (!forbidden.isEmpty()) {
			text.append("Forbidden terms in: ").append(String.join(", ", forbidden.keySet())).append('.');
		}
		return Verdict.fail(text.toString().strip(), evidence);
	}

}
