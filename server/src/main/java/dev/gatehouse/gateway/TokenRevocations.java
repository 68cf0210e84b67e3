package dev.gatehouse.gateway;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The revocation set the gateway enforces (revoked tokens; suspended, blocked or retired apps;
 * uninstalls; revoked clients), for Gatehouse's other resource servers such as the app API. Each
 * node reads changes within {@code gatehouse.gateway.revocation-poll}; asking costs a map lookup.
 */
public interface TokenRevocations {

	/**
	 * Why a token with these claims is refused, or empty when nothing revoked it.
	 *
	 * @param installationId null for a client-credentials token
	 */
	Optional<String> refusal(String jti, String clientId, UUID appId, UUID installationId, Instant issuedAt);

}
