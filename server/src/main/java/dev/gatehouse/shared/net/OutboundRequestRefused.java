package dev.gatehouse.shared.net;

/**
 * Gatehouse would not make (or finish) an outbound request because it breaks a rule: a URL it will
 * not fetch, an address it will not connect to, a response too big or too slow. Retrying the same
 * request will not help. Network trouble (connection refused, reset, TLS failure) is an
 * {@link OutboundRequestFailed} instead.
 *
 * <p>The message names the host but never the path or query, which may carry secrets.
 */
public final class OutboundRequestRefused extends RuntimeException {

	/** Why a request was refused. */
	public enum Reason {

		/** Not an absolute http(s) URL with a host Gatehouse can read unambiguously. */
		INVALID_URL,
		/** Not https (or http where the caller allowed it), or a redirect from https to http. */
		SCHEME,
		/** The URL carries a user name or password. */
		USERINFO,
		/** A port other than 80, 443 and the allowlisted ones. */
		PORT,
		/** The host is, or resolves to, a loopback, private, link-local or otherwise reserved address. */
		PRIVATE_ADDRESS,
		/** The host name did not resolve. */
		UNRESOLVABLE,
		/** The response body exceeded the cap and the caller asked for a refusal instead of truncation. */
		TOO_LARGE,
		/** The connect, read or overall timeout passed. */
		TIMEOUT,
		/** More redirects than the caller allowed. */
		TOO_MANY_REDIRECTS

	}

	private final Reason reason;

	OutboundRequestRefused(Reason reason, String message) {
		super(reason + ": " + message);
		this.reason = reason;
	}

	OutboundRequestRefused(Reason reason, String message, Throwable cause) {
		super(reason + ": " + message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
