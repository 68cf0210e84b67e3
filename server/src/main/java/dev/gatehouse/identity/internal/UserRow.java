package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;

import java.time.Instant;
import java.util.Set;

/** A users row as stored, secrets included; stays inside the module. */
public record UserRow(UserId id, String email, String displayName, UserKind kind, Set<Role> roles,
		String passwordHash, boolean enabled, boolean mustChangePassword, byte[] totpSecret, Instant totpEnabledAt,
		Long totpLastStep, Instant emailVerifiedAt, Instant createdAt) {

	public boolean secondFactorEnrolled() {
		return totpEnabledAt != null;
	}

	public UserAccount toAccount() {
		return new UserAccount(id, email, displayName, kind, roles, enabled, secondFactorEnrolled(), mustChangePassword,
				emailVerifiedAt != null, createdAt);
	}

}
