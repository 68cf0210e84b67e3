package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.IdentityProperties;

import java.time.Duration;
import java.time.Instant;

/**
 * The brute-force rules as pure functions of the recorded state and the time, so they can be
 * tested without a clock or a database.
 */
public final class ThrottlePolicy {

	private final IdentityProperties.Login rules;

	public ThrottlePolicy(IdentityProperties.Login rules) {
		this.rules = rules;
	}

	/** When the next attempt may be evaluated, or {@code null} if now is fine. */
	public Instant blockedUntil(ThrottleState state, Instant now) {
		if (state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
			return state.lockedUntil();
		}
		if (expired(state, now)) {
			return null;
		}
		int over = state.failures() - rules.delayAfterFailures();
		if (over < 0) {
			return null;
		}
		Instant allowedAt = state.lastFailureAt().plus(delay(over));
		return now.isBefore(allowedAt) ? allowedAt : null;
	}

	/** The delay after the {@code over}-th failure past the free ones: base, 2 base, 4 base, ... up to max. */
	Duration delay(int over) {
		if (rules.baseDelay().isZero()) {
			return Duration.ZERO;
		}
		long factor = 1L << Math.min(over, 20);
		Duration delay = rules.baseDelay().multipliedBy(factor);
		return delay.compareTo(rules.maxDelay()) > 0 ? rules.maxDelay() : delay;
	}

	/** The state after one more failure. */
	public ThrottleState afterFailure(ThrottleState state, Instant now, int lockoutAfter) {
		int failures = expired(state, now) ? 1 : state.failures() + 1;
		Instant lockedUntil = failures >= lockoutAfter ? now.plus(rules.lockoutDuration()) : null;
		return new ThrottleState(state.key(), failures, now, lockedUntil);
	}

	/** A lapsed lockout or an old run of failures starts counting afresh. */
	private boolean expired(ThrottleState state, Instant now) {
		if (state.failures() == 0 || state.lastFailureAt() == null) {
			return true;
		}
		if (state.lockedUntil() != null && !now.isBefore(state.lockedUntil())) {
			return true;
		}
		return state.lastFailureAt().plus(rules.failureWindow()).isBefore(now);
	}

}
