package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Throttle;
import dev.gatehouse.gateway.Throttles;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A throttle imposed through the facade lowers that app's limit in the rate limiter, and only that app's. */
@SpringBootTest
class ThrottleStoreIntegrationTests {

	static final GatewayPolicy.Limits GENEROUS = new GatewayPolicy.Limits(10_000, 1_000, 10_000, 0, 0, "UX-1");

	@Autowired
	Throttles throttles;

	@Autowired
	ThrottleStore store;

	@Test
	void checkWhenAppThrottledThenRefusedAboveTheThrottledRateAndOtherAppsAndLiftedThrottlesAreNot() {
		var limiter = new RateLimiter(store);
		UUID throttled = UUID.randomUUID();
		UUID other = UUID.randomUUID();

		Throttle throttle = throttles.impose(throttled, null, 3, Duration.ofMinutes(10), "test: load", "monitoring");

		assertThat(throttles.impose(throttled, null, 5, Duration.ofMinutes(10), "again", "monitoring").id())
			.isEqualTo(throttle.id());
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.check(throttled, UUID.randomUUID(), GENEROUS).allowed()).isTrue();
		}
		RateLimiter.Decision refused = limiter.check(throttled, UUID.randomUUID(), GENEROUS);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.policy()).isEqualTo("throttled");
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.check(other, UUID.randomUUID(), GENEROUS).allowed()).isTrue();
		}

		throttles.lift(throttle.id(), "operator@test", "explained by the app's developer");

		assertThat(throttles.active()).noneMatch(t -> t.id().equals(throttle.id()));
		assertThat(limiter.check(throttled, UUID.randomUUID(), GENEROUS).allowed()).isTrue();
	}

}
