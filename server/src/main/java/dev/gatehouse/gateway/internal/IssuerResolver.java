package dev.gatehouse.gateway.internal;

import dev.gatehouse.authserver.AccessTokenIssuer;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.Environment;

/**
 * The issuer a call's token must name: the configured one, or (when Gatehouse takes its issuer from
 * each request's host, as the authorization server then does) this request's scheme, host and
 * port. A gateway on its own host needs {@code gatehouse.authserver.issuer} set.
 */
final class IssuerResolver {

	private final AccessTokenIssuer issuer;

	private final Environment environment;

	private final Map<String, String> byHost = new ConcurrentHashMap<>();

	IssuerResolver(AccessTokenIssuer issuer, Environment environment) {
		this.issuer = issuer;
		this.environment = environment;
	}

	String expectedIssuer(HttpServletRequest request) {
		var configured = issuer.issuer();
		if (configured.isPresent()) {
			return configured.get();
		}
		return origin(request.getScheme(), request.getServerName(), request.getServerPort()) + request.getContextPath();
	}

	/**
	 * For the dedicated listener, which is not where tokens are issued: without a configured issuer,
	 * Gatehouse's own port on the host the app called.
	 */
	String expectedIssuer(String hostHeader) {
		var configured = issuer.issuer();
		if (configured.isPresent()) {
			return configured.get();
		}
		String host = hostHeader == null ? "localhost" : hostHeader;
		String known = byHost.get(host);
		if (known != null) {
			return known;
		}
		String name = host;
		int colon = name.lastIndexOf(':');
		if (colon > name.lastIndexOf(']')) {
			name = name.substring(0, colon);
		}
		boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.containsProperty("server.ssl.bundle");
		int port = environment.getProperty("local.server.port", Integer.class,
				environment.getProperty("server.port", Integer.class, 8080));
		String expected = origin(tls ? "https" : "http", name, port) + environment.getProperty("server.servlet.context-path", "");
		if (byHost.size() < 64) {
			// Apps call a handful of host names; anything beyond is computed each time, not remembered.
			byHost.put(host, expected);
		}
		return expected;
	}

	private static String origin(String scheme, String host, int port) {
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

}
