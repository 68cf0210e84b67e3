package dev.gatehouse.gateway.internal;

/** The bearer token is not acceptable; the message is safe to show the caller (error_description). */
final class TokenRejectedException extends Exception {

	TokenRejectedException(String description) {
		super(description, null, false, false);
	}

}
