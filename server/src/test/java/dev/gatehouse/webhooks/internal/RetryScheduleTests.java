package dev.gatehouse.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.webhooks.WebhooksProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetryScheduleTests {

	static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private final WebhooksProperties defaults = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("gatehouse.webhooks", WebhooksProperties.class);

	@Test
	void defaultScheduleWhenUsedUpThenAboutThreeDaysHavePassed() {
		Duration total = defaults.schedule().stream().reduce(Duration.ZERO, Duration::plus);

		assertThat(total).isBetween(Duration.ofHours(70), Duration.ofHours(76));
		assertThat(defaults.maxAttempts()).isEqualTo(14);
	}

	@Test
	void nextWhenJitteredThenWithinTwentyPercentAndNotAlwaysTheSame() {
		var schedule = new RetrySchedule(List.of(Duration.ofMinutes(10)), 0.2, Duration.ofDays(1), new SplittableRandom(7));

		var delays = java.util.stream.IntStream.range(0, 200)
			.mapToObj(i -> Duration.between(NOW, schedule.next(1, NOW, Optional.empty()).orElseThrow()))
			.toList();

		assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12)));
		assertThat(delays.stream().distinct().count()).isGreaterThan(50);
	}

	@Test
	void nextWhenAttemptsUsedUpThenEmpty() {
		var schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)), 0, Duration.ofDays(1),
				new SplittableRandom(1));

		assertThat(schedule.next(1, NOW, Optional.empty())).hasValue(NOW.plusSeconds(5));
		assertThat(schedule.next(2, NOW, Optional.empty())).hasValue(NOW.plusSeconds(60));
		assertThat(schedule.next(3, NOW, Optional.empty())).isEmpty();
	}

	@Test
	void nextWhenRetryAfterLongerThanTheDelayThenHonouredUpToTheCap() {
		var schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), 0, Duration.ofHours(1),
				new SplittableRandom(1));

		assertThat(schedule.next(1, NOW, Optional.of(Duration.ofMinutes(10)))).hasValue(NOW.plus(Duration.ofMinutes(10)));
		assertThat(schedule.next(1, NOW, Optional.of(Duration.ofDays(3)))).hasValue(NOW.plus(Duration.ofHours(1)));
		assertThat(schedule.next(1, NOW, Optional.of(Duration.ofSeconds(1)))).hasValue(NOW.plusSeconds(5));
	}

	@Test
	void retryAfterWhenSecondsOrHttpDateThenRead() {
		assertThat(RetrySchedule.retryAfter("120", NOW)).hasValue(Duration.ofSeconds(120));
		assertThat(RetrySchedule.retryAfter("Wed, 02 Dec 2026 13:00:00 GMT", NOW)).hasValue(Duration.ofHours(1));
		assertThat(RetrySchedule.retryAfter("soon", NOW)).isEmpty();
		assertThat(RetrySchedule.retryAfter("-5", NOW)).isEmpty();
		assertThat(RetrySchedule.retryAfter(null, NOW)).isEmpty();
	}

}
