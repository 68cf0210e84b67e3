package dev.gatehouse.apps;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An OAuth client of the app, with the prefixes and lifetimes of its secrets (never the secrets). */
public record Credential(UUID id, AppId appId, Environment environment, String clientId, Instant createdAt,
		Instant revokedAt, List<SecretInfo> secrets) {

	public enum Environment {
		SANDBOX, PRODUCTION
	}

	public record SecretInfo(UUID id, String prefix, Instant createdAt, Instant expiresAt) {
	}

}
