package dev.gatehouse.gateway.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.UUID;

/**
 * Token buckets per app (a per-minute rate, a per-second burst, an optional daily quota) and per
 * installation (a per-minute rate, an optional daily quota), in this node's memory (Bucket4j).
 * Behind a load balancer each node enforces the whole limit on what it sees; divide the limits by
 * the node count, or keep one gateway node, when the exact cluster-wide figure matters.
 */
final class RateLimiter {

	private final Cache<String, Held> buckets = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofDays(1))
		.build();

	/** Throttles imposed on top of the limits (none in unit tests). */
	private final ThrottleStore throttles;

	RateLimiter() {
		this(null);
	}

	RateLimiter(ThrottleStore throttles) {
		this.throttles = throttles;
	}

	/** The outcome of one call's check, with what the RateLimit headers say. */
	record Decision(boolean allowed, String policy, long limit, long windowSeconds, long remaining,
			long retryAfterSeconds) {

		Decision withPolicy(String name) {
			return new Decision(allowed, name, limit, windowSeconds, remaining, retryAfterSeconds);
		}

	}

	Decision check(UUID appId, UUID installationId, GatewayPolicy.Limits limits) {
		if (throttles != null) {
			// A throttle on the app and one on the installation each have their own bucket.
			Decision throttled = throttled(appId);
			if (throttled == null) {
				throttled = throttled(installationId);
			}
			if (throttled != null) {
				return throttled;
			}
		}
		Decision installation = null;
		if (installationId != null && (limits.perInstallationPerMinute() > 0 || limits.installationPerDay() > 0)) {
			installation = consume("i:" + installationId, limits, false);
			if (!installation.allowed()) {
				return installation;
			}
		}
		Decision app = null;
		if (limits.requestsPerMinute() > 0 || limits.burst() > 0 || limits.appPerDay() > 0) {
			app = consume("a:" + appId, limits, true);
			if (!app.allowed()) {
				return app;
			}
		}
		if (installation == null) {
			return app;
		}
		return app == null || installation.remaining() <= app.remaining() ? installation : app;
	}

	private Decision consume(String key, GatewayPolicy.Limits limits, boolean app) {
		Held held = buckets.get(key, k -> new Held(bucket(limits, app), limits));
		if (!held.limits().equals(limits)) {
			held = new Held(bucket(limits, app), limits);
			buckets.put(key, held);
		}
		ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
		long perMinute = app ? limits.requestsPerMinute() : limits.perInstallationPerMinute();
		String policy = app ? "app" : "installation";
		long limit = perMinute > 0 ? perMinute : app ? limits.appPerDay() : limits.installationPerDay();
		long window = perMinute > 0 ? 60 : 86_400;
		long retry = probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		return new Decision(probe.isConsumed(), policy, limit, window, probe.getRemainingTokens(), retry);
	}

	/** The refusal when the app or installation is throttled and over its throttled rate; else null. */
	private Decision throttled(UUID appOrInstallation) {
		long perMinute = throttles.perMinute(appOrInstallation);
		if (perMinute <= 0) {
			return null;
		}
		Decision decision = consumeThrottled(appOrInstallation, perMinute);
		return decision.allowed() ? null : decision;
	}

	/** A throttled app or installation: one more bucket at the throttled rate, checked first. */
	private Decision consumeThrottled(UUID key, long perMinute) {
		var limits = new GatewayPolicy.Limits(perMinute, 0, 0, 0, 0, null);
		return consume("t:" + key, limits, true).withPolicy("throttled");
	}

	private static Bucket bucket(GatewayPolicy.Limits limits, boolean app) {
		LocalBucketBuilder builder = Bucket.builder();
		long perMinute = app ? limits.requestsPerMinute() : limits.perInstallationPerMinute();
		long perDay = app ? limits.appPerDay() : limits.installationPerDay();
		if (perMinute > 0) {
			builder.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build());
		}
		if (app && limits.burst() > 0) {
			builder.addLimit(Bandwidth.builder().capacity(limits.burst()).refillGreedy(limits.burst(), Duration.ofSeconds(1)).build());
		}
		if (perDay > 0) {
			builder.addLimit(Bandwidth.builder().capacity(perDay).refillIntervally(perDay, Duration.ofDays(1)).build());
		}
		return builder.build();
	}

	private record Held(Bucket bucket, GatewayPolicy.Limits limits) {
	}

}
