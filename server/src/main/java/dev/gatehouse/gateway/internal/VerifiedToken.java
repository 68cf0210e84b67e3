package dev.gatehouse.gateway.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What a verified access token says; kept per node until the token expires. */
record VerifiedToken(String jti, String issuer, String clientId, UUID appId, UUID installationId,
		UUID customerAccountId, Set<String> scopes, Instant issuedAt, Instant expiresAt) {

	boolean actsForAccount() {
		return installationId != null && customerAccountId != null;
	}

}
