package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.GatewayProperties;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPackParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class GatewayPolicyTests {

	private static final GatewayProperties.Limits DEFAULTS = new GatewayProperties.Limits(600, 100, 120, 0, 0, "pack");

	@Test
	void ofWhenPackBlocksPayloadsThenScanBlocksCitingEveryClauseUsingIt() {
		var snapshot = GatewayPolicy.of(pack("clinic-platform"), DEFAULTS, Instant.now());

		assertThat(snapshot.scan().enabled()).isTrue();
		assertThat(snapshot.scan().block()).isTrue();
		assertThat(snapshot.scan().clauseIds()).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void ofWhenPackOnlyFlagsPayloadsThenScanFlags() {
		var snapshot = GatewayPolicy.of(pack("reference"), DEFAULTS, Instant.now());

		assertThat(snapshot.scan().enabled()).isTrue();
		assertThat(snapshot.scan().block()).isFalse();
		assertThat(snapshot.scan().clauseIds()).contains("CD-2", "CD-3");
	}

	@Test
	void ofWhenPackHasRateLimitParametersThenTheyWinOverConfiguration() {
		var limits = GatewayPolicy.of(pack("clinic-platform"), DEFAULTS, Instant.now()).limits();

		assertThat(limits.requestsPerMinute()).isEqualTo(300);
		assertThat(limits.burst()).isEqualTo(50);
		assertThat(limits.perInstallationPerMinute()).isEqualTo(60);
		assertThat(limits.clauseId()).isEqualTo("UX-1");
		assertThat(GatewayPolicy.of(pack("clinic-platform"), DEFAULTS, Instant.now()).rateLimitPolicy())
			.isEqualTo("\"installation\";q=60;w=60, \"app\";q=300;w=60, \"app-burst\";q=50;w=1");
	}

	@Test
	void ofWhenSourceIsConfigurationThenPackParametersIgnored() {
		var configured = new GatewayProperties.Limits(5, 2, 1, 1000, 100, "configuration");

		var limits = GatewayPolicy.of(pack("clinic-platform"), configured, Instant.now()).limits();

		assertThat(limits.requestsPerMinute()).isEqualTo(5);
		assertThat(limits.perInstallationPerMinute()).isEqualTo(1);
		assertThat(limits.appPerDay()).isEqualTo(1000);
	}

	@Test
	void ofWhenNoPackThenConfiguredLimitsAndNoScan() {
		var snapshot = GatewayPolicy.of(null, DEFAULTS, Instant.now());

		assertThat(snapshot.limits().requestsPerMinute()).isEqualTo(600);
		assertThat(snapshot.scan().enabled()).isFalse();
	}

	private static PolicyPack pack(String name) {
		try (var in = new ClassPathResource("policy-packs/" + name + ".yaml").getInputStream()) {
			var result = PolicyPackParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			assertThat(result.errors()).isEmpty();
			return result.pack();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
