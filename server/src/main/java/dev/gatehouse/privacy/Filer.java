package dev.gatehouse.privacy;

import dev.gatehouse.identity.UserId;

/**
 * Who files a request: a customer admin of the account (checked when filing), or an operator
 * (the operator pages are guarded by the web security rules).
 */
public record Filer(UserId userId, String email, boolean operator) {

	public static Filer customer(UserId userId, String email) {
		return new Filer(userId, email, false);
	}

	public static Filer operator(UserId userId, String email) {
		return new Filer(userId, email, true);
	}

	public String label() {
		return operator ? "operator " + email : email;
	}

}
