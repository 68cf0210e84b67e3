package dev.gatehouse.review.internal.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The verdict of a text check: the phrases found per field, or a pass. */
final class TextVerdicts {

	private TextVerdicts() {
	}

	static Verdict of(Map<String, String> text, List<String> phrases, String listKey, String listName, String passText,
			String failText) {
		Map<String, List<String>> hits = Phrases.find(text, phrases);
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put(listKey, listName);
		evidence.put("fieldsChecked", List.copyOf(text.keySet()));
		evidence.put("found", hits);
		if (hits.isEmpty()) {
			return Verdict.pass(passText, evidence);
		}
		return Verdict.fail(failText + ": " + hits.entrySet()
			.stream()
			.map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
			.collect(Collectors.joining("; ")) + ".", evidence);
	}

}
