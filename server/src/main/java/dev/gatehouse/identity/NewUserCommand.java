package dev.gatehouse.identity;

import java.util.Set;

/**
 * Creates a user. With {@code mustChangePassword} the password is a one-time password the user
 * replaces at first login.
 */
public record NewUserCommand(String email, String displayName, UserKind kind, Set<Role> roles, String password,
		boolean mustChangePassword, boolean emailVerified) {

	/** An account made by an operator or by seeding: its email address counts as verified. */
	public NewUserCommand(String email, String displayName, UserKind kind, Set<Role> roles, String password,
			boolean mustChangePassword) {
		this(email, displayName, kind, roles, password, mustChangePassword, true);
	}

}
