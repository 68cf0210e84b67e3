package dev.gatehouse.identity;

import java.time.Instant;
import java.util.Set;

/** Read model of a user; never carries the password hash or the TOTP secret. */
public record UserAccount(UserId id, String email, String displayName, UserKind kind, Set<Role> roles,
		boolean enabled, boolean secondFactorEnrolled, boolean mustChangePassword, boolean emailVerified,
		Instant createdAt) {

	public boolean hasRole(Role role) {
		return roles.contains(role);
	}

}
