package dev.gatehouse.identity;

import java.util.Set;

/**
 * Creates a user. With {@code mustChangePassword} the password is a one-time password the user
 * replaces at first login.
 */
public record NewUserCommand(String email, String displayName, UserKind kind, Set<Role> roles, String password,
		boolean mustChangePassword) {
}
