package dev.gatehouse.accesslog;

import java.time.Instant;
import java.util.UUID;

/**
 * Calls of one app in a window; errors and rate limiting counted as in {@link TrafficBucket}.
 *
 * @param appId the app; {@code null} for calls whose token could not be verified
 */
public record AppTraffic(UUID appId, long calls, long errors, long rateLimited, Instant lastCall) {
}
