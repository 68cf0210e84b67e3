package dev.gatehouse.authserver;

import dev.gatehouse.shared.audit.Audited;

import java.time.Instant;
import java.util.Map;

/**
 * One access token stopped being valid before its expiry: revoked by its client (RFC 7009), or
 * its grant was revoked because a rotated refresh token came back. Resource servers that verify
 * tokens locally (the gateway) keep the jti until {@code expiresAt}.
 */
public record AccessTokenRevoked(String jti, String clientId, Instant expiresAt, String reason) implements Audited {

	public String action() {
		return "authserver.access_token.revoked";
	}

	public String target() {
		return "access_token:" + jti;
	}

	public Map<String, Object> details() {
		return Map.of("clientId", clientId, "reason", reason, "expiresAt", expiresAt.toString());
	}

}
