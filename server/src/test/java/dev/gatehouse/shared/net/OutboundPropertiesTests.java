package dev.gatehouse.shared.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

class OutboundPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OutboundProperties.class)
	@Import(OutboundConfiguration.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Config.class)
		.withBean(SimpleMeterRegistry.class);

	@Test
	void bindWhenNothingSetThenDefaults() {
		runner.run((context) -> {
			assertThat(context).hasSingleBean(OutboundHttpClient.class);
			var properties = context.getBean(OutboundProperties.class);
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.overallTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofKilobytes(256));
			assertThat(properties.allowedHosts()).isEmpty();
			assertThat(properties.allowedNetworks()).isEmpty();
			assertThat(properties.allowedPorts()).isEmpty();
		});
	}

	@Test
	void bindWhenSetThenBound() {
		runner
			.withPropertyValues("gatehouse.outbound.connect-timeout=1s", "gatehouse.outbound.max-response-size=64KB",
					"gatehouse.outbound.allowed-hosts=hooks.internal", "gatehouse.outbound.allowed-networks=10.20.0.0/16,fd00::/8",
					"gatehouse.outbound.allowed-ports=8443")
			.run((context) -> {
				var properties = context.getBean(OutboundProperties.class);
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(properties.allowedHosts()).containsExactly("hooks.internal");
				assertThat(properties.allowedNetworks()).containsExactly("10.20.0.0/16", "fd00::/8");
				assertThat(properties.allowedPorts()).containsExactly(8443);
			});
	}

	@Test
	void startWhenAllowedNetworkIsNotACidrThenStartupFails() {
		runner.withPropertyValues("gatehouse.outbound.allowed-networks=intranet.example.com/16")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("gatehouse.outbound.allowed-networks: Not an address or CIDR"));
	}

	@Test
	void startWhenTimeoutNotPositiveThenStartupFails() {
		runner.withPropertyValues("gatehouse.outbound.read-timeout=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

}
