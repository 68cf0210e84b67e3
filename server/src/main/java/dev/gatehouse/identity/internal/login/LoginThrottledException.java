package dev.gatehouse.identity.internal.login;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** The account name or the client address must wait before trying again. */
public final class LoginThrottledException extends AuthenticationException {

	private final transient Instant retryAt;

	LoginThrottledException(Instant retryAt) {
		super("too many failed attempts");
		this.retryAt = retryAt;
	}

	public Instant retryAt() {
		return retryAt;
	}

}
