package dev.gatehouse.webhooks.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code webhooks.endpoints}: status and health per app. */
@Repository
class EndpointRepository {

	private final JdbcClient jdbc;

	EndpointRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(UUID appId) {
		return jdbc.sql("select * from webhooks.endpoints where app_id = :app")
			.param("app", appId)
			.query((rs, n) -> new Row(rs.getObject("app_id", UUID.class), "ENABLED".equals(rs.getString("status")),
					rs.getString("disabled_reason"), instant(rs.getTimestamp("disabled_at")),
					rs.getInt("consecutive_failures"), instant(rs.getTimestamp("last_success_at")),
					instant(rs.getTimestamp("last_failure_at")), rs.getInt("exhausted_count")))
			.optional();
	}

	void succeeded(UUID appId, Instant now) {
		upsert(appId, now);
		jdbc.sql("""
				update webhooks.endpoints set consecutive_failures = 0, exhausted_count = 0, last_success_at = :now,
				    updated_at = :now where app_id = :app""")
			.param("now", Timestamp.from(now))
			.param("app", appId)
			.update();
	}

	void failed(UUID appId, Instant now) {
		upsert(appId, now);
		jdbc.sql("""
				update webhooks.endpoints set consecutive_failures = consecutive_failures + 1, last_failure_at = :now,
				    updated_at = :now where app_id = :app""")
			.param("now", Timestamp.from(now))
			.param("app", appId)
			.update();
	}

	void exhausted(UUID appId, Instant now) {
		upsert(appId, now);
		jdbc.sql("update webhooks.endpoints set exhausted_count = exhausted_count + 1, updated_at = :now where app_id = :app")
			.param("now", Timestamp.from(now))
			.param("app", appId)
			.update();
	}

	/** @return whether it was enabled */
	boolean disable(UUID appId, String reason, Instant now) {
		upsert(appId, now);
		return jdbc.sql("""
				update webhooks.endpoints set status = 'DISABLED', disabled_reason = :reason, disabled_at = :now,
				    updated_at = :now where app_id = :app and status = 'ENABLED'""")
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("app", appId)
			.update() > 0;
	}

	/** @return whether it was disabled */
	boolean enable(UUID appId, Instant now) {
		upsert(appId, now);
		return jdbc.sql("""
				update webhooks.endpoints set status = 'ENABLED', disabled_reason = null, disabled_at = null,
				    consecutive_failures = 0, updated_at = :now where app_id = :app and status = 'DISABLED'""")
			.param("now", Timestamp.from(now))
			.param("app", appId)
			.update() > 0;
	}

	private void upsert(UUID appId, Instant now) {
		jdbc.sql("""
				insert into webhooks.endpoints (app_id, status, updated_at) values (:app, 'ENABLED', :now)
				on conflict (app_id) do nothing""")
			.param("app", appId)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	record Row(UUID appId, boolean enabled, String disabledReason, Instant disabledAt, int consecutiveFailures,
			Instant lastSuccessAt, Instant lastFailureAt, int exhaustedCount) {
	}

}
