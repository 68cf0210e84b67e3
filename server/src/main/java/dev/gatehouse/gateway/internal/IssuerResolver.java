package dev.gatehouse.gateway.internal;

import dev.gatehouse.authserver.AccessTokenIssuer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The issuer a call's token must name: the configured one, or (when Gatehouse takes its issuer from
 * each request's host, as the authorization server then does) this request's scheme, host and
 * port. A gateway on its own host needs {@code gatehouse.authserver.issuer} set.
 */
final class IssuerResolver {

	private final AccessTokenIssuer issuer;

	IssuerResolver(AccessTokenIssuer issuer) {
		this.issuer = issuer;
	}

	String expectedIssuer(HttpServletRequest request) {
		var configured = issuer.issuer();
		if (configured.isPresent()) {
			return configured.get();
		}
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
	}

}
