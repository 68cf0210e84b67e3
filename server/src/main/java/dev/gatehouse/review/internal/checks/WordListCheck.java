package dev.gatehouse.review.internal.checks;

import dev.gatehouse.policy.pack.PolicyPack.WordLists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** {@code check.word-list}: the listing text against the pack's word list named by {@code list}. */
@Component
class WordListCheck implements Check {

	@Override
	public String id() {
		return "check.word-list";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		String list = params.get("list") instanceof String s ? s : "profanity";
		List<String> words = words(input.pack().wordLists(), list);
		return TextVerdicts.of(input.listingText(), words, "wordList", list,
				"The listing uses none of the " + list + " terms.", "The listing uses " + list + " terms");
	}

	static List<String> words(WordLists lists, String name) {
		return switch (name) {
			case "endorsementClaims" -> lists.endorsementClaims();
			case "sensitiveRequests" -> lists.sensitiveRequests();
			case "misleadingClaims" -> lists.misleadingClaims();
			default -> lists.profanity();
		};
	}

}
