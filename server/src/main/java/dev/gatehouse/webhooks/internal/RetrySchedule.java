package dev.gatehouse.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When the next attempt is due: the configured delay after the attempt that just failed, moved by
 * up to ±jitter, or the endpoint's own {@code Retry-After} when it asks for longer (up to a cap).
 */
final class RetrySchedule {

	private final List<Duration> delays;

	private final double jitter;

	private final Duration maxRetryAfter;

	private final RandomGenerator random;

	RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter, RandomGenerator random) {
		this.delays = List.copyOf(delays);
		this.jitter = jitter;
		this.maxRetryAfter = maxRetryAfter;
		this.random = random;
	}

	/** Attempts in all, the first included. */
	int maxAttempts() {
		return delays.size() + 1;
	}

	/**
	 * @param attemptsMade attempts so far (1 after the first)
	 * @return when to try again, or empty when the attempts are used up
	 */
	Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
		if (attemptsMade >= maxAttempts()) {
			return Optional.empty();
		}
		Duration base = delays.get(attemptsMade - 1);
		long millis = base.toMillis();
		long spread = Math.round(millis * jitter);
		long delay = spread == 0 ? millis : millis - spread + random.nextLong(2 * spread + 1);
		Duration chosen = Duration.ofMillis(delay);
		if (retryAfter.isPresent() && retryAfter.get().compareTo(chosen) > 0) {
			chosen = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
		}
		return Optional.of(now.plus(chosen));
	}

	/** {@code Retry-After} as seconds or an HTTP date (RFC 9110 section 10.2.3); empty when absent or unreadable. */
	static Optional<Duration> retryAfter(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.of(Duration.ZERO);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

}
