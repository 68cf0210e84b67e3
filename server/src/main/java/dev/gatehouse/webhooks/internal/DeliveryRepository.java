package dev.gatehouse.webhooks.internal;

import dev.gatehouse.webhooks.WebhookAttempt;
import dev.gatehouse.webhooks.WebhookDelivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code webhooks.deliveries} and {@code webhooks.attempts}. */
@Repository
class DeliveryRepository {

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String id, UUID appId, String type, String payload, Instant now) {
		jdbc.sql("""
				insert into webhooks.deliveries (id, app_id, event_type, payload, status, next_attempt_at, created_at)
				values (:id, :app, :type, :payload, 'PENDING', :now, :now)""")
			.param("id", id)
			.param("app", appId)
			.param("type", type)
			.param("payload", payload)
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * Reserves up to {@code limit} due deliveries of enabled endpoints for this node until the lease
	 * runs out, counting the attempt. Rows another node holds (locked, or leased) are skipped.
	 */
	List<Claimed> claim(int limit, Instant now, Duration lease) {
		// Microseconds, as PostgreSQL keeps it, so that release() can tell this claim from a later one.
		Instant leaseUntil = now.plus(lease).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		return jdbc.sql("""
				update webhooks.deliveries d set lease_until = :leaseUntil, attempts = d.attempts + 1
				where d.id in (
				    select id from webhooks.deliveries
				    where status = 'PENDING' and next_attempt_at <= :now and (lease_until is null or lease_until < :now)
				      and not exists (select 1 from webhooks.endpoints e where e.app_id = deliveries.app_id and e.status = 'DISABLED')
				    order by next_attempt_at
				    limit :limit
				    for update skip locked)
				returning d.id, d.app_id, d.event_type, d.payload, d.attempts, d.created_at""")
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> new Claimed(rs.getString("id"), rs.getObject("app_id", UUID.class), rs.getString("event_type"),
					rs.getString("payload"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(), leaseUntil))
			.list();
	}

	/**
	 * Gives back a claim that was not attempted (too little of its lease was left for an attempt to
	 * finish inside it): due again at once, the attempt uncounted. Only while the claim is still this
	 * one, so a node that claimed it since is not disturbed.
	 */
	void release(Claimed claimed) {
		jdbc.sql("""
				update webhooks.deliveries set lease_until = null, attempts = attempts - 1
				where id = :id and status = 'PENDING' and lease_until = :leaseUntil""")
			.param("id", claimed.id())
			.param("leaseUntil", Timestamp.from(claimed.leaseUntil()))
			.update();
	}

	void recordAttempt(String id, int attempt, Instant at, String url, Integer status, int latencyMs, String error,
			String excerpt, String node) {
		jdbc.sql("""
				insert into webhooks.attempts (delivery_id, attempt, attempted_at, url, status_code, latency_ms, error,
				    response_excerpt, node)
				values (:id, :attempt, :at, :url, :status, :latency, :error, :excerpt, :node)""")
			.param("node", node)
			.param("id", id)
			.param("attempt", attempt)
			.param("at", Timestamp.from(at))
			.param("url", url == null ? "" : url)
			.param("status", status)
			.param("latency", latencyMs)
			.param("error", error)
			.param("excerpt", excerpt)
			.update();
	}

	void delivered(String id, int status, Instant now) {
		finish(id, "DELIVERED", status, null, now);
	}

	void exhausted(String id, Integer status, String error, Instant now) {
		finish(id, "EXHAUSTED", status, error, now);
	}

	private void finish(String id, String state, Integer status, String error, Instant now) {
		jdbc.sql("""
				update webhooks.deliveries set status = :state, finished_at = :now, lease_until = null,
				    last_status = :status, last_error = :error where id = :id""")
			.param("state", state)
			.param("now", Timestamp.from(now))
			.param("status", status)
			.param("error", error)
			.param("id", id)
			.update();
	}

	void retryAt(String id, Instant next, Integer status, String error) {
		jdbc.sql("""
				update webhooks.deliveries set next_attempt_at = :next, lease_until = null, last_status = :status,
				    last_error = :error where id = :id""")
			.param("next", Timestamp.from(next))
			.param("status", status)
			.param("error", error)
			.param("id", id)
			.update();
	}

	/** Back to the queue for one more attempt now (a manual redelivery); false if it is not this app's. */
	boolean requeue(String id, UUID appId, Instant now, int attemptsBeforeLast) {
		return jdbc.sql("""
				update webhooks.deliveries set status = 'PENDING', next_attempt_at = :now, lease_until = null,
				    finished_at = null, attempts = least(attempts, :attempts)
				where id = :id and app_id = :app and status <> 'PENDING'""")
			.param("now", Timestamp.from(now))
			.param("attempts", attemptsBeforeLast)
			.param("id", id)
			.param("app", appId)
			.update() > 0;
	}

	Optional<WebhookDelivery> find(String id) {
		return jdbc.sql("select * from webhooks.deliveries where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	List<WebhookDelivery> ofApp(UUID appId, int limit) {
		return jdbc.sql("select * from webhooks.deliveries where app_id = :app order by created_at desc, id limit :limit")
			.param("app", appId)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	List<WebhookAttempt> attempts(String id) {
		return jdbc.sql("select * from webhooks.attempts where delivery_id = :id order by attempt, id")
			.param("id", id)
			.query((rs, n) -> new WebhookAttempt(rs.getString("delivery_id"), rs.getInt("attempt"),
					rs.getTimestamp("attempted_at").toInstant(), rs.getString("url"), (Integer) rs.getObject("status_code"),
					rs.getInt("latency_ms"), rs.getString("error"), rs.getString("response_excerpt"), rs.getString("node")))
			.list();
	}

	private static WebhookDelivery map(ResultSet rs) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new WebhookDelivery(rs.getString("id"), rs.getObject("app_id", UUID.class), rs.getString("event_type"),
				rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"),
				rs.getTimestamp("next_attempt_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
				finished == null ? null : finished.toInstant(), (Integer) rs.getObject("last_status"),
				rs.getString("last_error"));
	}

	record Claimed(String id, UUID appId, String type, String payload, int attempt, Instant createdAt,
			Instant leaseUntil) {
	}

}
