package dev.gatehouse.shared.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a lone address is a /32 or /128. */
record Cidr(byte[] network, int prefixLength) {

	Cidr {
		network = network.clone();
		if (prefixLength < 0 || prefixLength > network.length * 8) {
			throw new IllegalArgumentException("Prefix length out of range: " + prefixLength);
		}
	}

	/**
	 * Parses {@code address[/prefix]}. Only address literals are accepted, never host names, so
	 * parsing never touches DNS. IPv4-mapped IPv6 literals ({@code ::ffff:10.0.0.0/104}) are
	 * taken as the IPv4 block they map.
	 */
	static Cidr parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		String literal = (slash < 0) ? value : value.substring(0, slash);
		InetAddress address;
		try {
			address = InetAddress.ofLiteral(literal);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an address or CIDR: " + text, ex);
		}
		int bits = address.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(value.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not an address or CIDR: " + text, ex);
			}
			if (literal.contains(":") && bits == 32) {
				prefix -= 96; // ::ffff:a.b.c.d/n came back as an IPv4 address
			}
		}
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("Not an address or CIDR: " + text);
		}
		return new Cidr(address.getAddress(), prefix);
	}

	static List<Cidr> parseAll(String... blocks) {
		return Stream.of(blocks).map(Cidr::parse).toList();
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != network.length) {
			return false;
		}
		int fullBytes = prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != network[i]) {
				return false;
			}
		}
		int remainingBits = prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xff << (8 - remainingBits)) & 0xff;
		return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(network) + prefixLength;
	}

	@Override
	public String toString() {
		try {
			return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
