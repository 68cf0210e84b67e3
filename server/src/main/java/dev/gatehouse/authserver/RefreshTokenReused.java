package dev.gatehouse.authserver;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;

/** A rotated refresh token was presented again: the grant it belonged to was revoked. */
public record RefreshTokenReused(String authorizationId, String clientId, String principal) implements Audited {

	public String action() {
		return "authserver.refresh_token.reused";
	}

	public String target() {
		return "authorization:" + authorizationId;
	}

	public String actor() {
		return "system";
	}

	public Map<String, Object> details() {
		return Map.of("clientId", clientId, "principal", principal == null ? "" : principal,
				"outcome", "grant revoked");
	}

}
