package dev.gatehouse.identity;

import dev.gatehouse.identity.internal.ThrottlePolicy;
import dev.gatehouse.identity.internal.ThrottleState;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlePolicyTests {

	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

	private final ThrottlePolicy policy = new ThrottlePolicy(new IdentityProperties.Login(3, Duration.ofSeconds(1),
			Duration.ofSeconds(30), 10, 50, Duration.ofMinutes(15), Duration.ofHours(1)));

	@Test
	void blockedUntilWhenFewFailuresThenNoDelay() {
		var state = failures(3, T0);

		assertThat(policy.blockedUntil(failures(2, T0), T0)).isNull();
		assertThat(policy.blockedUntil(state, T0)).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void blockedUntilWhenFailuresGrowThenDelayDoublesUpToTheCap() {
		assertThat(policy.blockedUntil(failures(4, T0), T0)).isEqualTo(T0.plusSeconds(2));
		assertThat(policy.blockedUntil(failures(5, T0), T0)).isEqualTo(T0.plusSeconds(4));
		assertThat(policy.blockedUntil(failures(9, T0), T0)).isEqualTo(T0.plusSeconds(30));
		assertThat(policy.blockedUntil(failures(5, T0), T0.plusSeconds(4))).isNull();
	}

	@Test
	void afterFailureWhenThresholdReachedThenLockedForTheLockoutDuration() {
		var locked = policy.afterFailure(failures(9, T0), T0.plusSeconds(60), 10);

		assertThat(locked.failures()).isEqualTo(10);
		assertThat(locked.lockedUntil()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(15)));
		assertThat(policy.blockedUntil(locked, T0.plusSeconds(61))).isEqualTo(locked.lockedUntil());
	}

	@Test
	void afterFailureWhenLockHasExpiredThenCountingStartsAfresh() {
		var locked = new ThrottleState("k", 10, T0, T0.plus(Duration.ofMinutes(15)));
		Instant later = T0.plus(Duration.ofMinutes(16));

		assertThat(policy.blockedUntil(locked, later)).isNull();
		var next = policy.afterFailure(locked, later, 10);
		assertThat(next.failures()).isEqualTo(1);
		assertThat(next.lockedUntil()).isNull();
	}

	@Test
	void afterFailureWhenLastFailureIsOlderThanTheWindowThenCountingStartsAfresh() {
		var next = policy.afterFailure(failures(8, T0), T0.plus(Duration.ofHours(2)), 10);

		assertThat(next.failures()).isEqualTo(1);
	}

	private static ThrottleState failures(int count, Instant last) {
		return new ThrottleState("account:x", count, last, null);
	}

}
