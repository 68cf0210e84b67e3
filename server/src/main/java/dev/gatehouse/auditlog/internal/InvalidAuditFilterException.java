package dev.gatehouse.auditlog.internal;

/** A filter parameter that cannot be understood; {@code field} names it. */
public final class InvalidAuditFilterException extends RuntimeException {

	private final String field;

	InvalidAuditFilterException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
