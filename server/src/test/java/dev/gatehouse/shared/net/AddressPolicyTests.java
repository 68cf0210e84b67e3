package dev.gatehouse.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTests {

	private static final AddressPolicy NOTHING_ALLOWLISTED = new AddressPolicy(List.of(), List.of());

	private static InetAddress address(String literal) {
		return InetAddress.ofLiteral(literal);
	}

	/** An IPv4-mapped IPv6 address that stays an Inet6Address (the JDK would unwrap a literal). */
	private static InetAddress mappedInet6(String ipv4) throws Exception {
		byte[] v4 = InetAddress.ofLiteral(ipv4).getAddress();
		byte[] v6 = new byte[16];
		v6[10] = (byte) 0xff;
		v6[11] = (byte) 0xff;
		System.arraycopy(v4, 0, v6, 12, 4);
		return java.net.Inet6Address.getByAddress(null, v6, -1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254",
			"127.0.0.1", "127.255.255.254", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255",
			"192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.0.1", "198.18.0.1", "198.19.255.255", "198.51.100.7",
			"203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255" })
	void permitsWhenPrivateOrReservedIpv4ThenRefused(String literal) {
		assertThat(NOTHING_ALLOWLISTED.permits("h", address(literal))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "::", "::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
			"::ffff:169.254.169.254", "::ffff:7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "100::1", "fc00::1",
			"fd00:ec2::254", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1", "2001::1", "2001:db8::1",
			"2002:7f00:1::1", "3fff::1", "4000::1", "fe00::1" })
	void permitsWhenNonGlobalIpv6ThenRefused(String literal) {
		assertThat(NOTHING_ALLOWLISTED.permits("h", address(literal))).isFalse();
	}

	@Test
	void permitsWhenIpv4MappedArrivesAsInet6ThenJudgedAsIpv4() throws Exception {
		assertThat(mappedInet6("127.0.0.1")).isInstanceOf(java.net.Inet6Address.class);
		assertThat(NOTHING_ALLOWLISTED.permits("h", mappedInet6("127.0.0.1"))).isFalse();
		assertThat(NOTHING_ALLOWLISTED.permits("h", mappedInet6("169.254.169.254"))).isFalse();
		assertThat(NOTHING_ALLOWLISTED.permits("h", mappedInet6("8.8.8.8"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.0", "172.15.255.255",
			"172.32.0.0", "169.253.255.255", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001::200e",
			"2001:4860:4860::8888" })
	void permitsWhenPublicThenPermitted(String literal) {
		assertThat(NOTHING_ALLOWLISTED.permits("h", address(literal))).isTrue();
	}

	@Test
	void permitsWhenNetworkAllowlistedThenOnlyThatNetworkPermitted() {
		var policy = new AddressPolicy(List.of(), List.of("127.0.0.0/8", "fd12:3456::/32", "10.1.2.3"));
		assertThat(policy.permits("h", address("127.0.0.1"))).isTrue();
		assertThat(policy.permits("h", address("::ffff:127.0.0.1"))).isTrue();
		assertThat(policy.permits("h", address("fd12:3456::1"))).isTrue();
		assertThat(policy.permits("h", address("10.1.2.3"))).isTrue();
		assertThat(policy.permits("h", address("10.1.2.4"))).isFalse();
		assertThat(policy.permits("h", address("::1"))).isFalse();
		assertThat(policy.permits("h", address("169.254.169.254"))).isFalse();
	}

	@Test
	void permitsWhenHostAllowlistedThenAnyUnicastAddressPermittedButNotUnspecifiedOrMulticast() {
		var policy = new AddressPolicy(List.of("Hooks.Internal."), List.of());
		assertThat(policy.permits("hooks.internal", address("10.0.0.5"))).isTrue();
		assertThat(policy.permits("HOOKS.internal.", address("127.0.0.1"))).isTrue();
		assertThat(policy.permits("hooks.internal", address("0.0.0.0"))).isFalse();
		assertThat(policy.permits("hooks.internal", address("224.0.0.1"))).isFalse();
		assertThat(policy.permits("other.internal", address("10.0.0.5"))).isFalse();
	}

	@Test
	void constructWhenNetworkIsHostNameOrMalformedThenRejectedWithoutDns() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AddressPolicy(List.of(), List.of("example.com/8")))
			.withMessageContaining("allowed-networks");
		assertThatIllegalArgumentException().isThrownBy(() -> new AddressPolicy(List.of(), List.of("10.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> new AddressPolicy(List.of(), List.of("10.0.0.0/x")));
	}

	@Test
	void parseWhenMappedIpv6CidrThenIpv4Block() {
		assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
		assertThat(Cidr.parse("172.16.0.0/12").contains(address("172.31.1.1"))).isTrue();
		assertThat(Cidr.parse("172.16.0.0/12").contains(address("172.32.0.1"))).isFalse();
	}

}
