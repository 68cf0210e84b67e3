package dev.gatehouse.review.internal.checks;

import dev.gatehouse.policy.pack.PolicyPack.ProhibitedCategory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.prohibited-categories}: the listing promotes nothing of the pack's prohibited categories. */
@Component
class ProhibitedCategoriesCheck implements Check {

	@Override
	public String id() {
		return "check.prohibited-categories";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<ProhibitedCategory> categories = input.pack().prohibitedCategories();
		if (categories.isEmpty()) {
			return Verdict.notApplicable("The policy lists no prohibited categories.");
		}
		Map<String, Object> found = new LinkedHashMap<>();
		for (ProhibitedCategory category : categories) {
			var hits = Phrases.find(input.listingText(), category.terms());
			if (!hits.isEmpty()) {
				found.put(category.id(), hits);
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("categories", categories.stream().map(ProhibitedCategory::id).toList());
		evidence.put("found", found);
		return found.isEmpty() ? Verdict.pass("The listing matches no prohibited category.", evidence)
				: Verdict.fail("The listing matches prohibited categories: " + String.join(", ", found.keySet()) + ".",
						evidence);
	}

}
