package dev.gatehouse.identity.internal;

import java.time.Instant;

/** Failed attempts recorded for one key ({@code account:<email>} or {@code address:<ip>}). */
public record ThrottleState(String key, int failures, Instant lastFailureAt, Instant lockedUntil) {

	public static ThrottleState none(String key) {
		return new ThrottleState(key, 0, null, null);
	}

}
