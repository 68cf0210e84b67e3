package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.IdentityException;

import java.util.Locale;

/**
 * Length over composition (NIST SP 800-63B): at least 12 characters, at most 128, and not the
 * account name.
 */
public final class PasswordRules {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	private PasswordRules() {
	}

	public static void check(String field, String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw new IdentityException(field, "Use at least " + MIN_LENGTH + " characters.");
		}
		if (password.length() > MAX_LENGTH) {
			throw new IdentityException(field, "Use at most " + MAX_LENGTH + " characters.");
		}
		String local = email == null ? "" : email.split("@")[0].toLowerCase(Locale.ROOT);
		if (!local.isEmpty() && password.toLowerCase(Locale.ROOT).contains(local) && local.length() >= 4) {
			throw new IdentityException(field, "The password must not contain your account name.");
		}
	}

}
