package dev.gatehouse.apps.internal.logo;

import dev.gatehouse.shared.web.InputRejectedException;

/** An uploaded logo breaks one of the pack's logo rules; the message says which, in words a developer can act on. */
public final class LogoRejectedException extends InputRejectedException {

	public static final String FIELD = "logo";

	LogoRejectedException(String message) {
		super(FIELD, message);
	}

}
