package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTests {

	private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

	@Test
	void callerWhenPeerIsNotTrustedThenPeerWhateverTheHeaderSays() {
		assertThat(proxies.caller(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void callerWhenPeerTrustedThenRightMostUntrustedHop() {
		assertThat(proxies.caller(ip("10.1.2.3"), List.of("198.51.100.1, 203.0.113.5, 10.9.9.9"))).isEqualTo("203.0.113.5");
		assertThat(proxies.caller(ip("192.168.1.7"), List.of("198.51.100.1", "10.0.0.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void callerWhenHopIsNotAnAddressThenStopsAtTheLastBelievedOne() {
		assertThat(proxies.caller(ip("10.1.2.3"), List.of("198.51.100.1, unknown, 10.0.0.2"))).isEqualTo("10.0.0.2");
	}

	@Test
	void callerWhenIpv6BlockTrustedThenItsHeaderIsBelieved() {
		assertThat(proxies.caller(ip("fd12::1"), List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
		assertThat(proxies.caller(ip("fe80::1"), List.of("2001:db8::5"))).isEqualTo("fe80:0:0:0:0:0:0:1");
	}

	@Test
	void callerWhenPrefixNotOnByteBoundaryThenMaskedBits() {
		var narrow = new TrustedProxies(List.of("172.16.0.0/12"));

		assertThat(narrow.caller(ip("172.31.255.1"), List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(narrow.caller(ip("172.32.0.1"), List.of("198.51.100.1"))).isEqualTo("172.32.0.1");
	}

	@Test
	void configWhenEntryIsNotAnAddressThenRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.example")));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")));
	}

	private static InetAddress ip(String literal) {
		return InetAddress.ofLiteral(literal);
	}

}
