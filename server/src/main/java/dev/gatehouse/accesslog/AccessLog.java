package dev.gatehouse.accesslog;

import dev.gatehouse.accesslog.internal.CallQueries;
import dev.gatehouse.accesslog.internal.CallQueue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;

/**
 * The access log's facade: the gateway records every call here, and the privacy, incident and
 * monitoring work asks it which apps touched what, when. Windows are half-open, {@code [from, to)}.
 */
@Service
public class AccessLog {

	/** Most buckets one traffic query returns. */
	public static final int MAX_BUCKETS = 2000;

	private final CallQueue queue;

	private final CallQueries queries;

	AccessLog(CallQueue queue, CallQueries queries) {
		this.queue = queue;
		this.queries = queries;
	}

	/**
	 * Queues the call for the batch writer. Returns at once unless the queue is full, in which case
	 * this thread writes a batch itself rather than drop the call.
	 */
	public void record(ApiCall call) {
		Objects.requireNonNull(call.id(), "call id");
		Objects.requireNonNull(call.occurredAt(), "call time");
		queue.add(call);
	}

	/** Waits until every call recorded before this was written (tests, and evidence exports that must be complete). */
	public void flush() {
		try {
			queue.flush(Duration.ofSeconds(60));
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** Which apps (per installation) touched the data subject of the account in the window, latest first. */
	public List<AppTouch> appsTouchingSubject(UUID customerAccountId, String subjectId, Instant from, Instant to) {
		Objects.requireNonNull(customerAccountId, "customer account");
		Objects.requireNonNull(subjectId, "subject");
		window(from, to);
		return queries.appsTouchingSubject(customerAccountId, subjectId, from, to);
	}

	/** Per customer account, the data subjects the app touched in the window (an incident's blast radius). */
	public List<AccountSubjects> subjectsTouched(UUID appId, Instant from, Instant to) {
		Objects.requireNonNull(appId, "app");
		window(from, to);
		return queries.subjectsTouched(appId, from, to);
	}

	/**
	 * Streams the blast radius of the apps in the window to {@code sink}, one row per (account,
	 * subject, app, category set), in no particular order, without holding the whole of it in
	 * memory: for an incident that keeps every affected subject. Runs in a read-only transaction of
	 * its own so that PostgreSQL hands the rows over in batches.
	 */
	public void subjectsTouched(Collection<UUID> appIds, Instant from, Instant to, Consumer<SubjectTouches> sink) {
		Objects.requireNonNull(sink, "sink");
		if (appIds == null || appIds.isEmpty() || appIds.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("Name at least one app");
		}
		window(from, to);
		queries.subjectTouches(appIds, from, to, sink);
	}

	/** The calls the query selects, newest first; page on with {@link CallQuery#after}. */
	public List<ApiCall> calls(CallQuery query) {
		return queries.calls(query);
	}

	/** When each installation last made a call; installations that never did are absent. */
	public Map<UUID, Instant> lastCalls(Collection<UUID> installationIds) {
		return queries.lastCalls(installationIds);
	}

	/**
	 * Calls of one app, or of all apps when {@code appId} is {@code null}, in buckets of
	 * {@code bucket} from {@code from} (truncated to the second), every bucket present. See
	 * {@link TrafficBucket} for what counts as an error.
	 */
	public List<TrafficBucket> traffic(UUID appId, Instant from, Instant to, Duration bucket) {
		window(from, to);
		if (bucket.compareTo(Duration.ofSeconds(1)) < 0 || Duration.between(from, to).dividedBy(bucket) >= MAX_BUCKETS) {
			throw new IllegalArgumentException("Choose a bucket of at least a second and at most " + MAX_BUCKETS
					+ " buckets per window");
		}
		return queries.traffic(appId, from.truncatedTo(ChronoUnit.SECONDS), to, bucket.truncatedTo(ChronoUnit.SECONDS));
	}

	/** The routes with the most calls in the window, of one app or of all apps ({@code null}). */
	public List<RouteTraffic> topRoutes(UUID appId, Instant from, Instant to, int limit) {
		window(from, to);
		return queries.topRoutes(appId, from, to, Math.clamp(limit, 1, 1000));
	}

	/** The apps with the most calls in the window. */
	public List<AppTraffic> trafficByApp(Instant from, Instant to, int limit) {
		window(from, to);
		return queries.trafficByApp(from, to, Math.clamp(limit, 1, 1000));
	}

	/** The distinct scopes the app's successful calls (status below 400) used in the window. */
	public SortedSet<String> scopesUsed(UUID appId, Instant from, Instant to) {
		Objects.requireNonNull(appId, "app");
		window(from, to);
		return queries.scopesUsed(appId, from, to);
	}

	private static void window(Instant from, Instant to) {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("A window needs from before to");
		}
	}

}
