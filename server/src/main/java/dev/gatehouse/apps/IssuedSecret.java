package dev.gatehouse.apps;

import java.time.Instant;

/**
 * A secret shown once: a client secret with its client id, or a webhook signing secret. The
 * previous secret keeps working until {@code previousValidUntil} so deployments can switch over.
 */
public record IssuedSecret(String clientId, String secret, Instant previousValidUntil) {

	@Override
	public String toString() {
		return "IssuedSecret[clientId=" + clientId + ", secret=(hidden)]";
	}

}
