package dev.gatehouse.review.internal.checks;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds word-list phrases in text: case-insensitive after NFKC folding (so full-width letters and
 * ligatures do not slip through), on word boundaries (so "class" does not match "ass"), with any
 * run of spaces or punctuation between the words of a phrase.
 */
final class Phrases {

	private Phrases() {
	}

	/** Per text field, the phrases found in it; empty when none. */
	static Map<String, List<String>> find(Map<String, String> fields, List<String> phrases) {
		Map<String, List<String>> hits = new LinkedHashMap<>();
		fields.forEach((field, text) -> {
			String folded = fold(text);
			List<String> found = new ArrayList<>();
			for (String phrase : phrases) {
				if (!phrase.isBlank() && pattern(phrase).matcher(folded).find()) {
					found.add(phrase);
				}
			}
			if (!found.isEmpty()) {
				hits.put(field, found);
			}
		});
		return hits;
	}

	static String fold(String text) {
		return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	private static Pattern pattern(String phrase) {
		String[] words = fold(phrase).strip().split("\\s+");
		StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
		for (int i = 0; i < words.length; i++) {
			if (i > 0) {
				regex.append("[\\s\\p{P}]+");
			}
			regex.append(Pattern.quote(words[i]));
		}
		return Pattern.compile(regex.append("(?![\\p{L}\\p{N}])").toString(), Pattern.UNICODE_CASE);
	}

}
