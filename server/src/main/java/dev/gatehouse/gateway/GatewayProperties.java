package dev.gatehouse.gateway;

import java.net.URI;
import java.time.LocalDate;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param enabled whether this node serves the platform API
 * @param pathPrefix where the platform API is served; the rest of the path goes upstream
 * @param routes routes from configuration (operators add more in the UI)
 * @param maxBodySize the largest request body forwarded (413 above it); bodies are read whole
 * so that writes can be scanned
 * @param connectTimeout how long to wait for the upstream to accept a connection
 * @param responseTimeout how long to wait for the upstream's response headers (504 after it)
 * @param transport the HTTP client used for upstream calls ({@code jdk} or {@code apache}); see
 * bench/README.md for why the default is what it is
 * @param maxConnectionsPerUpstream connection pool size per upstream (Apache transport)
 * @param tokenCacheSize how many verified tokens a node remembers (each until it expires)
 * @param clockSkew how far a token's exp or nbf may be off
 * @param revocationPoll how often each node reads new revocations
 * @param revocationRetention how long a revocation is kept; longer than any access token lives
 * @param subjectHeader the upstream's response header naming the data subjects a call touched
 * @param limits rate limits; the policy pack's {@code guard.rate-limit} parameters win when present
 * @param listener the gateway's own port, next to the path prefix on Gatehouse's port
 */
@ConfigurationProperties("gatehouse.gateway")
public record GatewayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("/platform") String pathPrefix,
		@DefaultValue List<RouteProperties> routes, @DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
		@DefaultValue("apache") String transport, @DefaultValue("200") int maxConnectionsPerUpstream,
		@DefaultValue("100000") int tokenCacheSize, @DefaultValue("30s") Duration clockSkew,
		@DefaultValue("250ms") Duration revocationPoll, @DefaultValue("1d") Duration revocationRetention,
		@DefaultValue("X-Data-Subjects") String subjectHeader, @DefaultValue Limits limits,
		@DefaultValue Listener listener) {

	public GatewayProperties {
		if (pathPrefix == null || !pathPrefix.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")) {
			throw new IllegalArgumentException("gatehouse.gateway.path-prefix must look like /platform");
		}
		if (!List.of("jdk", "apache").contains(transport)) {
			throw new IllegalArgumentException("gatehouse.gateway.transport must be jdk or apache");
		}
	}

	/** Routes from configuration, checked. */
	public List<Route> configuredRoutes() {
		return routes.stream().map(RouteProperties::toRoute).toList();
	}

	public record RouteProperties(String id, @DefaultValue("*") String method, String path, URI upstream,
			@DefaultValue List<String> scopes, @DefaultValue List<String> dataCategories,
			@DefaultValue("true") boolean subjectHeader, @DefaultValue List<String> subjectPathVariables,
			@DefaultValue("true") boolean requiresInstallation, @DefaultValue("false") boolean deprecated,
			LocalDate sunset) {

		Route toRoute() {
			return new Route(id, method, path, upstream, scopes, dataCategories, subjectHeader, subjectPathVariables,
					requiresInstallation, Route.Source.CONFIGURATION, deprecated, sunset);
		}

	}

	/**
	 * The dedicated listener: the platform API under the same path prefix on a port of its own,
	 * served by Netty (event loops, no servlet container; bench/README.md for the figures).
	 *
	 * @param enabled whether the node opens it
	 * @param address the address to bind
	 * @param port the port ({@code 0}: any free port, as the tests use)
	 * @param eventLoops threads serving connections ({@code 0}: one per CPU core)
	 * @param idleTimeout how long a connection may stay silent (also a request half sent) before it is closed
	 * @param maxHeaderSize the largest request line and header block accepted (431 above it)
	 * @param maxConnections open app connections beyond which new ones are closed at once
	 * @param trustedProxies addresses or CIDR blocks of proxies in front whose {@code X-Forwarded-For}
	 * names the caller (none: the connection's peer is the caller)
	 * @param sslBundle the Spring Boot SSL bundle to serve https with (none: plain http behind a TLS proxy)
	 */
	public record Listener(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") String address,
			@DefaultValue("8081") int port, @DefaultValue("0") int eventLoops, @DefaultValue("60s") Duration idleTimeout,
			@DefaultValue("16KB") DataSize maxHeaderSize, @DefaultValue("10000") int maxConnections,
			@DefaultValue List<String> trustedProxies, String sslBundle) {
	}

	/**
	 * Defaults when the pack in force has no {@code guard.rate-limit}; 0 turns a limit off.
	 *
	 * @param requestsPerMinute per app, across all its installations and clients
	 * @param burst per app, within any one second
	 * @param perInstallationPerMinute per installation (one customer account)
	 * @param appPerDay daily quota per app
	 * @param installationPerDay daily quota per installation
	 * @param source {@code pack} (the pack's parameters when it has them) or {@code configuration}
	 */
	public record Limits(@DefaultValue("600") long requestsPerMinute, @DefaultValue("100") long burst,
			@DefaultValue("120") long perInstallationPerMinute, @DefaultValue("0") long appPerDay,
			@DefaultValue("0") long installationPerDay, @DefaultValue("pack") String source) {
	}

}
