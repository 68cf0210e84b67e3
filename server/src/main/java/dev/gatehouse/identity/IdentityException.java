package dev.gatehouse.identity;

/** A request the identity rules refuse; {@code field} names the input at fault, when there is one. */
public class IdentityException extends dev.gatehouse.shared.web.InputRejectedException {

	public IdentityException(String field, String message) {
		super(field, message);
	}

}
