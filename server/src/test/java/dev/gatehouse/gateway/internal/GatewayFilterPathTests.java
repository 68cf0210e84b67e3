package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayFilterPathTests {

	@org.junit.jupiter.api.Test
	void callIdWhenMadeThenVersionFourRandomUuids() {
		var ids = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> Call.newId()).toList();

		assertThat(ids).allSatisfy(id -> {
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
		});
		assertThat(ids).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/patients/../admin", "/v1/./patients", "/v1//patients", "/v1/patients;jsessionid=1",
			"/v1/patients/%2e%2e/x", "/v1/patients%2Fx", "/v1/%2E/x", "/v1\\patients", "/v1/patients/%00", "/v1/.", "/v1/..",
			"/v1/x%5c", "//v1" })
	void safePathWhenTraversalOrEncodedSeparatorThenRefused(String path) {
		assertThat(CallGate.safePath(path)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "/v1/patients", "/v1/patients/pat_12ab", "/v1/patients/a.b", "/v1/search/caf%C3%A9", "/v1/", "/v1/%2", "/v1/.well-known",
			"/v1/..x" })
	void safePathWhenOrdinaryThenAccepted(String path) {
		assertThat(CallGate.safePath(path)).isTrue();
	}

}
