package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.Listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** {@code check.listing-required-fields}: the listed fields are filled in (the support email is an address). */
@Component
class ListingRequiredFieldsCheck implements Check {

	static final List<String> DEFAULT_FIELDS = List.of("name", "tagline", "description", "category", "privacyPolicyUrl",
			"supportEmail");

	private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

	@Override
	public String id() {
		return "check.listing-required-fields";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<String> fields = Check.listParam(params, "fields", DEFAULT_FIELDS);
		Listing l = input.listing();
		List<String> missing = new ArrayList<>();
		List<String> invalid = new ArrayList<>();
		for (String field : fields) {
			String value = switch (field) {
				case "name" -> input.name();
				case "tagline" -> l.tagline();
				case "description" -> l.description();
				case "category" -> l.category();
				case "logo" -> input.revision().logoSha256();
				case "website" -> l.website();
				case "privacyPolicyUrl" -> l.privacyPolicyUrl();
				case "termsUrl" -> l.termsUrl();
				case "supportEmail" -> l.supportEmail();
				case "supportUrl" -> l.supportUrl();
				case "setupUrl" -> l.setupUrl();
				default -> "";
			};
			if (value == null || value.isBlank()) {
				missing.add(field);
			}
			else if (field.equals("supportEmail") && !EMAIL.matcher(value.strip()).matches()) {
				invalid.add(field);
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("revision", input.revision().number());
		evidence.put("required", fields);
		evidence.put("missing", missing);
		evidence.put("invalid", invalid);
		if (missing.isEmpty() && invalid.isEmpty()) {
			return Verdict.pass("Every required listing field is filled in.", evidence);
		}
		List<String> problems = new ArrayList<>(missing);
		invalid.forEach(f -> problems.add(f + " (not an email address)"));
		return Verdict.fail("Missing or invalid listing fields: " + String.join(", ", problems) + ".", evidence);
	}

}
