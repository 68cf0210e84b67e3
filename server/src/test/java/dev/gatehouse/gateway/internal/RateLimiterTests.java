package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RateLimiterTests {

	private final RateLimiter limiter = new RateLimiter();

	@Test
	void checkWhenInstallationLimitReachedThenRefusedForItButNotForAnotherInstallationOfTheApp() {
		var limits = new GatewayPolicy.Limits(1000, 1000, 3, 0, 0, "UX-1");
		UUID app = UUID.randomUUID();
		UUID first = UUID.randomUUID();

		for (int i = 0; i < 3; i++) {
			assertThat(limiter.check(app, first, limits).allowed()).isTrue();
		}
		var refused = limiter.check(app, first, limits);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.policy()).isEqualTo("installation");
		assertThat(refused.remaining()).isZero();
		assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
		assertThat(limiter.check(app, UUID.randomUUID(), limits).allowed()).isTrue();
	}

	@Test
	void checkWhenAppBurstReachedThenRefusedAcrossInstallations() {
		var limits = new GatewayPolicy.Limits(1000, 2, 0, 0, 0, "UX-1");
		UUID app = UUID.randomUUID();

		assertThat(limiter.check(app, UUID.randomUUID(), limits).allowed()).isTrue();
		assertThat(limiter.check(app, UUID.randomUUID(), limits).allowed()).isTrue();
		var refused = limiter.check(app, UUID.randomUUID(), limits);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.policy()).isEqualTo("app");
	}

	@Test
	void checkWhenDailyQuotaReachedThenRetryAfterIsHoursAway() {
		var limits = new GatewayPolicy.Limits(0, 0, 0, 2, 0, null);
		UUID app = UUID.randomUUID();

		limiter.check(app, null, limits);
		limiter.check(app, null, limits);
		var refused = limiter.check(app, null, limits);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.windowSeconds()).isEqualTo(86_400);
		assertThat(refused.retryAfterSeconds()).isGreaterThan(3600);
	}

	@Test
	void checkWhenLimitsChangeThenNewBucketsApply() {
		UUID app = UUID.randomUUID();
		var tight = new GatewayPolicy.Limits(1, 0, 0, 0, 0, null);
		limiter.check(app, null, tight);
		assertThat(limiter.check(app, null, tight).allowed()).isFalse();

		assertThat(limiter.check(app, null, new GatewayPolicy.Limits(100, 0, 0, 0, 0, null)).allowed()).isTrue();
	}

	@Test
	void checkWhenEveryLimitOffThenNoDecision() {
		assertThat(limiter.check(UUID.randomUUID(), UUID.randomUUID(), new GatewayPolicy.Limits(0, 0, 0, 0, 0, null))).isNull();
	}

}
