package dev.gatehouse.accesslog;

/**
 * Calls of one gateway route in a window; errors and rate limiting counted as in {@link TrafficBucket}.
 *
 * @param routeId the route; {@code null} for calls no route matched
 */
public record RouteTraffic(String routeId, long calls, long errors, long rateLimited, long p99Micros) {
}
