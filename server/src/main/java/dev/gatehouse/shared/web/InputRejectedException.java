package dev.gatehouse.shared.web;

/**
 * Input that is well formed but breaks a rule. APIs answer 422 problem+json naming {@code field};
 * forms show the message next to that field.
 */
public class InputRejectedException extends RuntimeException {

	private final String field;

	public InputRejectedException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
