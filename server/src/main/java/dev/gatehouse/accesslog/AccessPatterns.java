package dev.gatehouse.accesslog;

import dev.gatehouse.accesslog.internal.PatternQueries;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Set-based questions about the whole log, for the monitoring detectors: each is one SQL statement
 * over the day partitions of its window, grouped in the database, so a run over millions of calls
 * returns a handful of rows. Windows are half-open, {@code [from, to)}.
 */
@Service
public class AccessPatterns {

	/** The gateway's refusals that mean "you may not call this" or "this does not exist". */
	public static final List<String> PROBING_REJECTIONS = List.of("insufficient_scope", "no_route",
			"method_not_allowed", "installation_required");

	private final PatternQueries queries;

	AccessPatterns(PatternQueries queries) {
		this.queries = queries;
	}

	/**
	 * Per app, each scope its successful calls used in the window and when last: a scope was used in
	 * any later window {@code [t, to)} exactly when its last use is at or after {@code t}.
	 */
	public Map<UUID, Map<String, Instant>> lastScopeUse(Instant from, Instant to) {
		window(from, to);
		return queries.lastScopeUse(from, to);
	}

	/** Per app, the routes it called in the window (any outcome). */
	public Map<UUID, Set<String>> routesUsedByApp(Instant from, Instant to) {
		window(from, to);
		return queries.routesUsedByApp(from, to);
	}

	/**
	 * Installations whose data-subject reads (subjects named by successful calls) in
	 * {@code [recentFrom, to)} exceed {@code factor} times their own daily average over
	 * {@code [baselineFrom, recentFrom)}, that average being at least {@code floorPerDay}.
	 */
	public List<SubjectReadSpike> subjectReadSpikes(Instant baselineFrom, Instant recentFrom, Instant to, double factor,
			long floorPerDay) {
		window(baselineFrom, recentFrom);
		window(recentFrom, to);
		return queries.subjectReadSpikes(baselineFrom, recentFrom, to, factor, floorPerDay);
	}

	/** Apps with at least {@code threshold} probing refusals ({@link #PROBING_REJECTIONS}) within one {@code bucket}. */
	public List<Burst> probingBursts(Instant from, Instant to, Duration bucket, long threshold) {
		window(from, to);
		return queries.probingBursts(from, to, bucket, threshold);
	}

	/**
	 * Apps that sent more than {@code perHour} messages in an hour: successful writes (POST) to routes
	 * whose data categories include {@code messages}.
	 */
	public List<Burst> messageBursts(Instant from, Instant to, long perHour) {
		window(from, to);
		return queries.messageBursts(from, to, perHour);
	}

	/**
	 * Tokens of one app and installation (or the app's own tokens) used from more than
	 * {@code networks} networks (IPv4 /24, IPv6 /48) in the window.
	 */
	public List<NetworkSpread> networkSpreads(Instant from, Instant to, int networks) {
		window(from, to);
		return queries.networkSpreads(from, to, networks);
	}

	/**
	 * Per app with at least {@code minCalls} forwarded calls in the window: the share of them the
	 * platform answered with 5xx (or the gateway with an upstream failure) and their p99 latency;
	 * only apps above {@code errorRatePercent} or {@code p99Millis}.
	 */
	public List<UpstreamLoad> upstreamLoad(Instant from, Instant to, long minCalls, double errorRatePercent,
			long p99Millis) {
		window(from, to);
		return queries.upstreamLoad(from, to, minCalls, errorRatePercent, p99Millis);
	}

	private static void window(Instant from, Instant to) {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("A window needs from before to");
		}
	}

	/** @param dailyBaseline the installation's average subject reads per day before the recent window */
	public record SubjectReadSpike(UUID appId, UUID installationId, UUID customerAccountId, long recentReads,
			double dailyBaseline) {
	}

	/**
	 * The worst window of one app.
	 *
	 * @param windows how many windows were over the threshold
	 * @param samples a few of the routes or paths involved
	 */
	public record Burst(UUID appId, Instant start, long calls, long windows, List<String> samples) {

		public Burst {
			samples = List.copyOf(samples);
		}

	}

	/** @param installationId {@code null} for the app's own (client credentials) tokens */
	public record NetworkSpread(UUID appId, UUID installationId, String clientId, int networks, long calls,
			List<String> samples) {

		public NetworkSpread {
			samples = List.copyOf(samples);
		}

	}

	public record UpstreamLoad(UUID appId, long calls, long upstreamErrors, double errorRatePercent, long p99Micros) {
	}

}
