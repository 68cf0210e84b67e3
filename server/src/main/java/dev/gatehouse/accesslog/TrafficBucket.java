package dev.gatehouse.accesslog;

import java.time.Instant;

/**
 * The calls in one time bucket {@code [start, start + bucket)}.
 *
 * @param errors answers with status 400 or above except 429: the app's mistakes (4xx) and the
 * platform's failures (5xx)
 * @param rateLimited answers with status 429, counted apart from errors
 * @param p50Micros median latency; 0 when there were no calls
 * @param p99Micros 99th percentile latency; 0 when there were no calls
 */
public record TrafficBucket(Instant start, long calls, long errors, long rateLimited, long p50Micros, long p99Micros) {

	/** The status counted in {@link #errors}: 4xx and 5xx except 429. */
	public static boolean isError(int status) {
		return status >= 400 && status != 429;
	}

}
