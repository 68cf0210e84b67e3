package dev.gatehouse.identity;

import dev.gatehouse.identity.internal.login.PendingLoginAccessDeniedHandler;

import org.springframework.security.web.access.AccessDeniedHandler;

/** For other modules' filter chains: how a login that still has steps to do is treated. */
public final class LoginSteps {

	private LoginSteps() {
	}

	/** Sends a half-finished login to its next step and back afterwards; anyone else gets a 403. */
	public static AccessDeniedHandler accessDeniedHandler() {
		return new PendingLoginAccessDeniedHandler();
	}

}
