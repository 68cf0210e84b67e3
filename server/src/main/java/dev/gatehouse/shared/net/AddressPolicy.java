package dev.gatehouse.shared.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses an outbound request may connect to: public unicast only, unless the operator
 * allowlisted the host name or the network.
 *
 * <p>IPv4: everything in the IANA special-purpose registry that is not globally reachable is
 * refused. IPv6: only global unicast {@code 2000::/3} is allowed at all, which already refuses
 * {@code ::}, {@code ::1}, {@code fc00::/7}, {@code fe80::/10}, {@code ff00::/8}, NAT64
 * {@code 64:ff9b::/96} and the IPv4-compatible {@code ::/96}; inside it the documentation, Teredo
 * and 6to4 blocks are refused too. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are judged
 * as the IPv4 address they carry.
 */
final class AddressPolicy {

	private static final List<Cidr> SPECIAL_IPV4 = Cidr.parseAll(
			"0.0.0.0/8", // "this network", 0.0.0.0 reaches the local host on Linux
			"10.0.0.0/8", // RFC 1918
			"100.64.0.0/10", // carrier-grade NAT, RFC 6598
			"127.0.0.0/8", // loopback
			"169.254.0.0/16", // link-local, including 169.254.169.254 cloud metadata
			"172.16.0.0/12", // RFC 1918
			"192.0.0.0/24", // IETF protocol assignments
			"192.0.2.0/24", // TEST-NET-1
			"192.88.99.0/24", // 6to4 relay anycast (deprecated)
			"192.168.0.0/16", // RFC 1918
			"198.18.0.0/15", // benchmarking
			"198.51.100.0/24", // TEST-NET-2
			"203.0.113.0/24", // TEST-NET-3
			"224.0.0.0/4", // multicast
			"240.0.0.0/4"); // reserved, and 255.255.255.255 broadcast

	private static final Cidr GLOBAL_UNICAST_IPV6 = Cidr.parse("2000::/3");

	private static final List<Cidr> SPECIAL_IPV6 = Cidr.parseAll(
			"2001::/23", // IETF protocol assignments, including Teredo 2001::/32
			"2001:db8::/32", // documentation
			"2002::/16", // 6to4: carries an IPv4 address we would otherwise have to unwrap
			"3fff::/20"); // documentation

	private final Set<String> allowedHosts;

	private final List<Cidr> allowedNetworks;

	AddressPolicy(List<String> allowedHosts, List<String> allowedNetworks) {
		this.allowedHosts = allowedHosts.stream().map(AddressPolicy::normalizeHost).collect(Collectors.toUnmodifiableSet());
		this.allowedNetworks = allowedNetworks.stream().map(AddressPolicy::parseNetwork).toList();
	}

	private static Cidr parseNetwork(String text) {
		try {
			return Cidr.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("gatehouse.outbound.allowed-networks: " + ex.getMessage(), ex);
		}
	}

	/** Lower case, no trailing dot, no IPv6 brackets: the form allowlist entries are compared in. */
	static String normalizeHost(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		return name;
	}

	boolean isAllowlisted(String host) {
		return allowedHosts.contains(normalizeHost(host));
	}

	/**
	 * Whether {@code address}, which {@code host} resolved to, may be connected to. Even for an
	 * allowlisted host the unspecified address and multicast are refused: they are never a server.
	 */
	boolean permits(String host, InetAddress address) {
		InetAddress candidate = unmapped(address);
		if (candidate.isAnyLocalAddress() || candidate.isMulticastAddress()) {
			return false;
		}
		if (isAllowlisted(host)) {
			return true;
		}
		for (Cidr network : allowedNetworks) {
			if (network.contains(candidate)) {
				return true;
			}
		}
		return isPublic(candidate);
	}

	/** Whether an address is public unicast, with no allowlist applied. */
	static boolean isPublic(InetAddress address) {
		InetAddress candidate = unmapped(address);
		if (candidate instanceof Inet4Address) {
			return SPECIAL_IPV4.stream().noneMatch((block) -> block.contains(candidate));
		}
		return GLOBAL_UNICAST_IPV6.contains(candidate)
				&& SPECIAL_IPV6.stream().noneMatch((block) -> block.contains(candidate));
	}

	/**
	 * The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}). The JDK already
	 * returns most of these as {@link Inet4Address}; this covers any that arrive as IPv6.
	 */
	static InetAddress unmapped(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] bytes = address.getAddress();
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return address;
			}
		}
		if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
			return address;
		}
		try {
			return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
