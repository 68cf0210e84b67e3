package dev.gatehouse.gateway.internal;

import java.net.InetAddress;
import java.util.List;

/**
 * The proxies in front of the dedicated listener whose {@code X-Forwarded-For} is believed
 * ({@code gatehouse.gateway.listener.trusted-proxies}: addresses or CIDR blocks). The caller is
 * the right-most address that is not one of them; a chain through untrusted hops stops there, so
 * an app cannot name itself someone else by sending the header.
 */
final class TrustedProxies {

	private final List<Block> blocks;

	TrustedProxies(List<String> entries) {
		this.blocks = entries.stream().map(Block::parse).toList();
	}

	boolean isEmpty() {
		return blocks.isEmpty();
	}

	/**
	 * @param peer the connection's remote address
	 * @param forwardedFor every {@code X-Forwarded-For} value, in the order received
	 */
	String caller(InetAddress peer, List<String> forwardedFor) {
		if (!trusts(peer) || forwardedFor.isEmpty()) {
			return peer.getHostAddress();
		}
		String[] hops = String.join(",", forwardedFor).split(",");
		InetAddress caller = peer;
		for (int i = hops.length - 1; i >= 0; i--) {
			InetAddress hop = literal(hops[i].trim());
			if (hop == null) {
				break; // not an address: nothing to its left can be believed
			}
			caller = hop;
			if (!trusts(hop)) {
				break;
			}
		}
		return caller.getHostAddress();
	}

	private boolean trusts(InetAddress address) {
		for (Block block : blocks) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static InetAddress literal(String text) {
		try {
			return text.isEmpty() ? null : InetAddress.ofLiteral(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Block(byte[] network, int prefix) {

		static Block parse(String entry) {
			String text = entry.trim();
			int slash = text.indexOf('/');
			InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("gatehouse.gateway.listener.trusted-proxies: '" + entry
						+ "' is not an IP address or CIDR block");
			}
			int bits = address.getAddress().length * 8;
			int prefix;
			try {
				prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("gatehouse.gateway.listener.trusted-proxies: '" + entry
						+ "' has a prefix length outside 0 to " + bits);
			}
			return new Block(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != network.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != network[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (network[full] & mask);
		}

	}

}
