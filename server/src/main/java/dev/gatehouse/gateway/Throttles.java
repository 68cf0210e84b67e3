package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Temporary throttles on top of the pack's rate limits, imposed by whatever watches traffic (the
 * monitoring detectors) or by an operator. Every gateway node applies them within a few seconds.
 * The gateway does not know who imposes them, so nothing here depends on the caller's module.
 */
public interface Throttles {

	/**
	 * Throttles the app (or one installation of it) to {@code perMinute} calls a minute for
	 * {@code duration}. While one is already active for the same target it is returned unchanged.
	 */
	Throttle impose(UUID appId, UUID installationId, int perMinute, Duration duration, String reason, String actor);

	/** Ends a throttle before its time; {@code reason} (required) goes into the audit record. */
	void lift(UUID throttleId, String actor, String reason);

	/** Throttles in force now, newest first. */
	List<Throttle> active();

}
