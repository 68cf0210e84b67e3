package dev.gatehouse.notifications.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed email again: {@code initialBackoff} after the first failure, doubling after
 * each further one up to {@code maxBackoff}; after {@code maxAttempts} failures, never.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	static RetryPolicy of(NotificationsProperties properties) {
		return new RetryPolicy(properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff());
	}

	/** The wait after the {@code attempts}-th failed attempt (1-based). */
	Duration backoff(int attempts) {
		int doublings = Math.min(Math.max(attempts - 1, 0), 30);
		Duration wait = initialBackoff.multipliedBy(1L << doublings);
		return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
	}

	boolean exhausted(int attempts) {
		return attempts >= maxAttempts;
	}

	Instant nextAttempt(Instant failedAt, int attempts) {
		return failedAt.plus(backoff(attempts));
	}

}
