package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.UserId;

import org.springframework.security.authentication.BadCredentialsException;

/** A passkey login that failed, with whose passkey it was when that is known, for the login events. */
final class PasskeyRejectedException extends BadCredentialsException {

	private final transient UserId userId;

	private final String username;

	private final String reason;

	PasskeyRejectedException(UserId userId, String username, String reason, Throwable cause) {
		super("passkey rejected", cause);
		this.userId = userId;
		this.username = username;
		this.reason = reason;
	}

	UserId userId() {
		return userId;
	}

	String username() {
		return username;
	}

	String reason() {
		return reason;
	}

}
