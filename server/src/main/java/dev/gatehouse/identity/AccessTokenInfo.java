package dev.gatehouse.identity;

import java.time.Instant;
import java.util.Set;

/** A personal access token as its owner sees it: never the secret. */
public record AccessTokenInfo(String id, String name, String prefix, Set<ApiScope> scopes, Instant createdAt,
		Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

	public boolean active(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

}
