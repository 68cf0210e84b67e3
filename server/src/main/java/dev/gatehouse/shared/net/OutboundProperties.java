package dev.gatehouse.shared.net;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits for {@link OutboundHttpClient}. The allowlists are for an operator who must reach a host
 * on a private network (an internal webhook receiver, a test server on loopback); everything else
 * only ever reaches public addresses on ports 80 and 443.
 *
 * @param connectTimeout time to open the TCP connection (and to wait for a pooled one); default 3 s
 * @param readTimeout longest silence while waiting for response bytes; default 5 s
 * @param overallTimeout the whole call, redirects and body included; default 10 s
 * @param maxResponseSize how much of a response body is read; default 256 KiB
 * @param allowedHosts host names whose addresses are not checked against the private ranges
 * (exact names, case-insensitive; no wildcards)
 * @param allowedNetworks CIDRs ({@code 10.20.0.0/16}, {@code fd00:1::/64}, or one address) that
 * may be reached although they are private or reserved
 * @param allowedPorts ports allowed besides 80 and 443
 */
@ConfigurationProperties("gatehouse.outbound")
public record OutboundProperties(Duration connectTimeout, Duration readTimeout, Duration overallTimeout,
		DataSize maxResponseSize, List<String> allowedHosts, List<String> allowedNetworks,
		List<Integer> allowedPorts) {

	static final DataSize MAX_RESPONSE_SIZE_LIMIT = DataSize.ofMegabytes(16);

	public OutboundProperties {
		connectTimeout = positive(connectTimeout, Duration.ofSeconds(3), "connect-timeout");
		readTimeout = positive(readTimeout, Duration.ofSeconds(5), "read-timeout");
		overallTimeout = positive(overallTimeout, Duration.ofSeconds(10), "overall-timeout");
		if (maxResponseSize == null) {
			maxResponseSize = DataSize.ofKilobytes(256);
		}
		if (maxResponseSize.toBytes() <= 0 || maxResponseSize.compareTo(MAX_RESPONSE_SIZE_LIMIT) > 0) {
			throw new IllegalArgumentException("gatehouse.outbound.max-response-size must be between 1B and 16MB");
		}
		allowedHosts = (allowedHosts != null) ? List.copyOf(allowedHosts) : List.of();
		allowedNetworks = (allowedNetworks != null) ? List.copyOf(allowedNetworks) : List.of();
		allowedPorts = (allowedPorts != null) ? List.copyOf(allowedPorts) : List.of();
		for (int port : allowedPorts) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("gatehouse.outbound.allowed-ports: not a port: " + port);
			}
		}
	}

	/** The defaults: nothing allowlisted. */
	public static OutboundProperties defaults() {
		return new OutboundProperties(null, null, null, null, null, null, null);
	}

	private static Duration positive(Duration value, Duration fallback, String name) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("gatehouse.outbound." + name + " must be positive");
		}
		return value;
	}

}
