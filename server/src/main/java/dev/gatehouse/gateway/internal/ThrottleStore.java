package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Throttle;
import dev.gatehouse.gateway.ThrottleEvents.ThrottleImposed;
import dev.gatehouse.gateway.ThrottleEvents.ThrottleLifted;
import dev.gatehouse.gateway.Throttles;
import dev.gatehouse.shared.web.NotFoundException;
import dev.gatehouse.shared.web.InputRejectedException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The throttles table, and what the rate limiter asks on every call: a snapshot of the active
 * throttles that a background thread reads again every {@link #REFRESH}, so a new throttle reaches
 * every node within that without a message between nodes, and no call waits for the read.
 */
final class ThrottleStore implements Throttles, SmartLifecycle {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** Throttled rate per minute by app or installation id; empty (the usual case) when nothing is throttled. */
	private volatile Map<UUID, Integer> limits = Map.of();

	private ScheduledExecutorService poller;

	ThrottleStore(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Throttle impose(UUID appId, UUID installationId, int perMinute, Duration duration, String reason,
			String actor) {
		if (appId == null || perMinute < 1 || duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("A throttle needs an app, a positive rate and a duration");
		}
		Throttle throttle = transactions.execute(status -> {
			Instant now = clock.instant();
			var existing = active(now).stream()
				.filter(t -> t.appId().equals(appId) && java.util.Objects.equals(t.installationId(), installationId))
				.findFirst();
			if (existing.isPresent()) {
				return existing.get();
			}
			var created = new Throttle(UUID.randomUUID(), appId, installationId, perMinute, now.plus(duration),
					reason == null ? "" : reason, actor == null ? "system" : actor, now);
			jdbc.sql("""
					insert into gateway.throttles (id, app_id, installation_id, per_minute, until, reason, imposed_by, imposed_at)
					values (:id, :app, :installation, :perMinute, :until, :reason, :by, :at)""")
				.param("id", created.id())
				.param("app", appId)
				.param("installation", installationId)
				.param("perMinute", perMinute)
				.param("until", Timestamp.from(created.until()))
				.param("reason", created.reason())
				.param("by", created.imposedBy())
				.param("at", Timestamp.from(now))
				.update();
			events.publishEvent(new ThrottleImposed(created));
			return created;
		});
		refresh();
		return throttle;
	}

	@Override
	public void lift(UUID throttleId, String actor, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", "Say why the throttle ends: it goes into the audit log.");
		}
		if (reason.length() > 500) {
			throw new InputRejectedException("reason", "Keep the reason under 500 characters.");
		}
		transactions.executeWithoutResult(status -> {
			UUID app = jdbc.sql("update gateway.throttles set lifted_at = :now where id = :id and lifted_at is null returning app_id")
				.param("now", Timestamp.from(clock.instant()))
				.param("id", throttleId)
				.query(UUID.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("No active throttle with that id."));
			events.publishEvent(new ThrottleLifted(throttleId, app, actor, reason.strip()));
		});
		refresh();
	}

	@Override
	public List<Throttle> active() {
		return active(clock.instant());
	}

	private List<Throttle> active(Instant now) {
		return jdbc.sql("select * from gateway.throttles where lifted_at is null and until > :now order by imposed_at desc")
			.param("now", Timestamp.from(now))
			.query(ThrottleStore::map)
			.list();
	}

	/** The throttled rate per minute of the app or of the installation (by its id), or 0 when it is not throttled. */
	long perMinute(UUID appOrInstallation) {
		Map<UUID, Integer> current = limits;
		if (current.isEmpty() || appOrInstallation == null) {
			return 0;
		}
		Integer limit = current.get(appOrInstallation);
		return limit == null ? 0 : limit;
	}

	/** Reads the active throttles now; on a database error keeps what it knew until the next round. */
	void refresh() {
		try {
			Map<UUID, Integer> read = new HashMap<>();
			for (Throttle t : active(clock.instant())) {
				// An installation's throttle is keyed by the installation, an app's by the app: ids are UUIDs, they do not collide.
				read.merge(t.installationId() == null ? t.appId() : t.installationId(), t.perMinute(), Math::min);
			}
			limits = Map.copyOf(read);
		}
		catch (RuntimeException ex) {
			// The database is away: keep what we knew.
		}
	}

	@Override
	public void start() {
		refresh();
		poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-throttles").daemon().factory());
		poller.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (poller != null) {
			poller.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return poller != null && !poller.isShutdown();
	}

	private static Throttle map(ResultSet rs, int row) throws SQLException {
		return new Throttle(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
				rs.getObject("installation_id", UUID.class), rs.getInt("per_minute"), rs.getTimestamp("until").toInstant(),
				rs.getString("reason"), rs.getString("imposed_by"), rs.getTimestamp("imposed_at").toInstant());
	}


}
