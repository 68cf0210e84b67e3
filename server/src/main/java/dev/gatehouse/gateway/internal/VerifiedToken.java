package dev.gatehouse.gateway.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a verified access token says; kept per node until the token expires.
 *
 * @param identityHeaders who is calling, as the upstream is told on every call of the token
 * ({@code X-Gatehouse-*}): built once per token, not per call
 */
record VerifiedToken(String jti, String issuer, String clientId, UUID appId, UUID installationId,
		UUID customerAccountId, Set<String> scopes, Instant issuedAt, Instant expiresAt,
		List<Map.Entry<String, String>> identityHeaders) {

	VerifiedToken(String jti, String issuer, String clientId, UUID appId, UUID installationId, UUID customerAccountId,
			Set<String> scopes, Instant issuedAt, Instant expiresAt) {
		this(jti, issuer, clientId, appId, installationId, customerAccountId, scopes, issuedAt, expiresAt,
				identity(clientId, appId, installationId, customerAccountId, scopes));
	}

	boolean actsForAccount() {
		return installationId != null && customerAccountId != null;
	}

	private static List<Map.Entry<String, String>> identity(String clientId, UUID appId, UUID installationId,
			UUID customerAccountId, Set<String> scopes) {
		List<Map.Entry<String, String>> headers = new ArrayList<>(5);
		headers.add(Map.entry("X-Gatehouse-App", appId.toString()));
		headers.add(Map.entry("X-Gatehouse-Client", clientId));
		if (installationId != null && customerAccountId != null) {
			headers.add(Map.entry("X-Gatehouse-Installation", installationId.toString()));
			headers.add(Map.entry("X-Gatehouse-Account", customerAccountId.toString()));
		}
		headers.add(Map.entry("X-Gatehouse-Scopes", String.join(" ", scopes)));
		return List.copyOf(headers);
	}

}
