package dev.gatehouse.review.internal.checks;

import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.sensitive-requests}: the listing does not ask users for card numbers, passwords and the like. */
@Component
class SensitiveRequestsCheck implements Check {

	@Override
	public String id() {
		return "check.sensitive-requests";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		return TextVerdicts.of(input.listingText(), input.pack().wordLists().sensitiveRequests(), "wordList",
				"sensitiveRequests", "The listing asks for no card numbers, passwords or similar secrets.",
				"The listing mentions secrets users must never be asked for");
	}

}
