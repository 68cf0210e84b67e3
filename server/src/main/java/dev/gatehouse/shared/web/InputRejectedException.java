package dev.gatehouse.shared.web;

import java.util.List;

/**
 * Input that is well formed but breaks a rule. APIs answer 422 problem+json listing every field at
 * fault; forms show each message next to its field.
 */
public class InputRejectedException extends RuntimeException {

	private final List<Violation> violations;

	public InputRejectedException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	public InputRejectedException(List<Violation> violations) {
		super(violations.getFirst().message());
		this.violations = List.copyOf(violations);
	}

	/** The first field at fault, or {@code null} when the rule is not about one field. */
	public String field() {
		return violations.getFirst().field();
	}

	public List<Violation> violations() {
		return violations;
	}

	/** One broken rule: the field (a dotted path such as {@code listing.name}) and what is wrong. */
	public record Violation(String field, String message) {
	}

}
