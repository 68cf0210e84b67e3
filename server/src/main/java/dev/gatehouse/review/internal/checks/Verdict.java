package dev.gatehouse.review.internal.checks;

import dev.gatehouse.review.CheckOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** A check's outcome, one sentence for people, and the evidence behind it. */
public record Verdict(CheckOutcome outcome, String summary, Map<String, Object> evidence) {

	public Verdict {
		evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
	}

	public static Verdict pass(String summary, Map<String, Object> evidence) {
		return new Verdict(CheckOutcome.PASS, summary, evidence);
	}

	public static Verdict fail(String summary, Map<String, Object> evidence) {
		return new Verdict(CheckOutcome.FAIL, summary, evidence);
	}

	public static Verdict notApplicable(String summary) {
		return new Verdict(CheckOutcome.NOT_APPLICABLE, summary, Map.of());
	}

	public static Verdict error(String summary) {
		return new Verdict(CheckOutcome.ERROR, summary, Map.of());
	}

}
