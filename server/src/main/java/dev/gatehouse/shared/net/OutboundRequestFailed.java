package dev.gatehouse.shared.net;

/**
 * An allowed outbound request failed on the network: connection refused or reset, TLS handshake or
 * certificate failure, a malformed response. Unlike {@link OutboundRequestRefused}, trying again
 * later may succeed (webhook deliveries retry these).
 */
public final class OutboundRequestFailed extends RuntimeException {

	OutboundRequestFailed(String message, Throwable cause) {
		super(message, cause);
	}

}
