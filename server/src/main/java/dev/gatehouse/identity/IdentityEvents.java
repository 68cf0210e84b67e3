package dev.gatehouse.identity;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;

/** The identity module's audited events. */
public final class IdentityEvents {

	private IdentityEvents() {
	}

	public record UserCreated(UserId userId, String email, UserKind kind, String roles) implements Audited {
		public String action() { return "identity.user.created"; }
		public String target() { return "user:" + userId; }
		public Map<String, Object> details() { return Map.of("email", email, "kind", kind.name(), "roles", roles); }
	}

	public record UserDisabled(UserId userId, String email, int sessionsEnded) implements Audited {
		public String action() { return "identity.user.disabled"; }
		public String target() { return "user:" + userId; }
		public Map<String, Object> details() { return Map.of("email", email, "sessionsEnded", sessionsEnded); }
	}

	public record EmailVerified(UserId userId, String email) implements Audited {
		public String action() { return "identity.email.verified"; }
		public String target() { return "user:" + userId; }
		public String actor() { return email; }
	}

	public record UserEnabled(UserId userId, String email) implements Audited {
		public String action() { return "identity.user.enabled"; }
		public String target() { return "user:" + userId; }
		public Map<String, Object> details() { return Map.of("email", email); }
	}

	public record PasswordChanged(UserId userId, String email) implements Audited {
		public String action() { return "identity.password.changed"; }
		public String target() { return "user:" + userId; }
		public String actor() { return email; }
	}

	public record SecondFactorEnrolled(UserId userId, String email) implements Audited {
		public String action() { return "identity.totp.enrolled"; }
		public String target() { return "user:" + userId; }
		public String actor() { return email; }
	}

	public record RecoveryCodeUsed(UserId userId, String email, int remaining) implements Audited {
		public String action() { return "identity.recovery_code.used"; }
		public String target() { return "user:" + userId; }
		public String actor() { return email; }
		public Map<String, Object> details() { return Map.of("remaining", remaining); }
	}

	public record LoginLockedOut(String key, String until) implements Audited {
		public String action() { return "identity.login.locked_out"; }
		public String target() { return key; }
		public String actor() { return "system"; }
		public Map<String, Object> details() { return Map.of("lockedUntil", until); }
	}

	public record PasskeyRegistered(UserId userId, String credentialId, String label) implements Audited {
		public String action() { return "identity.passkey.registered"; }
		public String target() { return "user:" + userId; }
		public Map<String, Object> details() { return Map.of("credentialId", credentialId, "label", label); }
	}

	public record PasskeyDeleted(UserId userId, String credentialId, String label) implements Audited {
		public String action() { return "identity.passkey.deleted"; }
		public String target() { return "user:" + userId; }
		public Map<String, Object> details() { return Map.of("credentialId", credentialId, "label", label); }
	}

	public record AccessTokenCreated(UserId userId, String tokenId, String name, String scopes, String expiresAt)
			implements Audited {
		public String action() { return "identity.access_token.created"; }
		public String target() { return "access_token:" + tokenId; }
		public Map<String, Object> details() {
			return Map.of("user", userId.toString(), "name", name, "scopes", scopes, "expiresAt", expiresAt);
		}
	}

	public record AccessTokenRevoked(UserId userId, String tokenId) implements Audited {
		public String action() { return "identity.access_token.revoked"; }
		public String target() { return "access_token:" + tokenId; }
		public Map<String, Object> details() { return Map.of("user", userId.toString()); }
	}

}
