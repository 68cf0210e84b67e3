package dev.gatehouse.monitoring.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.monitoring.DetectorRun;
import dev.gatehouse.monitoring.ScopeSuggestion;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The monitoring schema: the schedule's claim row, detector runs and scope suggestions. */
@Repository
public class MonitoringRepository {

	private final JdbcClient jdbc;

	MonitoringRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the schedule row for this transaction unless another node holds it.
	 *
	 * @return when the last run started ({@link Instant#MIN} if never); empty when another node is running
	 */
	Optional<Instant> claim() {
		return jdbc.sql("select last_started_at from monitoring.schedule where name = 'detectors' for update skip locked")
			.query((rs, n) -> rs.getTimestamp(1) == null ? Instant.MIN : rs.getTimestamp(1).toInstant())
			.optional();
	}

	void started(Instant at) {
		jdbc.sql("update monitoring.schedule set last_started_at = :at where name = 'detectors'")
			.param("at", Timestamp.from(at))
			.update();
	}

	void saveRun(DetectorRun run) {
		jdbc.sql("""
				insert into monitoring.detector_runs (id, run_id, detector, started_at, millis, findings, error, triggered_by)
				values (:id, :run, :detector, :at, :millis, :findings, :error, :by)""")
			.param("id", UUID.randomUUID())
			.param("run", run.runId())
			.param("detector", run.detector())
			.param("at", Timestamp.from(run.startedAt()))
			.param("millis", run.millis())
			.param("findings", run.findings())
			.param("error", run.error())
			.param("by", run.triggeredBy())
			.update();
	}

	public List<DetectorRun> recentRuns(int limit) {
		return jdbc.sql("select * from monitoring.detector_runs order by started_at desc, detector limit :limit")
			.param("limit", limit)
			.query((rs, n) -> new DetectorRun(rs.getObject("run_id", UUID.class), rs.getString("detector"),
					rs.getTimestamp("started_at").toInstant(), rs.getLong("millis"), rs.getInt("findings"),
					rs.getString("error"), rs.getString("triggered_by")))
			.list();
	}

	void saveSuggestion(ScopeSuggestion s) {
		jdbc.sql("""
				insert into monitoring.scope_suggestions (app_id, granted, used_30_days, used_90_days, unused, suggested,
				    unused_days, live_since, computed_at)
				values (:app, :granted, :used30, :used90, :unused, :suggested, :days, :since, :at)
				on conflict (app_id) do update set granted = excluded.granted, used_30_days = excluded.used_30_days,
				    used_90_days = excluded.used_90_days, unused = excluded.unused, suggested = excluded.suggested,
				    unused_days = excluded.unused_days, live_since = excluded.live_since, computed_at = excluded.computed_at""")
			.param("app", s.appId().value())
			.param("granted", s.granted().toArray(String[]::new))
			.param("used30", s.used30Days().toArray(String[]::new))
			.param("used90", s.used90Days().toArray(String[]::new))
			.param("unused", s.unused().toArray(String[]::new))
			.param("suggested", s.suggested().toArray(String[]::new))
			.param("days", s.unusedDays())
			.param("since", s.liveSince() == null ? null : Timestamp.from(s.liveSince()))
			.param("at", Timestamp.from(s.computedAt()))
			.update();
	}

	void deleteSuggestion(UUID app) {
		jdbc.sql("delete from monitoring.scope_suggestions where app_id = :app").param("app", app).update();
	}

	public Optional<ScopeSuggestion> suggestion(UUID app) {
		return jdbc.sql("select * from monitoring.scope_suggestions where app_id = :app")
			.param("app", app)
			.query(MonitoringRepository::suggestion)
			.optional();
	}

	private static ScopeSuggestion suggestion(ResultSet rs, int row) throws SQLException {
		Timestamp since = rs.getTimestamp("live_since");
		return new ScopeSuggestion(new AppId(rs.getObject("app_id", UUID.class)), strings(rs.getArray("granted")),
				strings(rs.getArray("used_30_days")), strings(rs.getArray("used_90_days")), strings(rs.getArray("unused")),
				strings(rs.getArray("suggested")), rs.getInt("unused_days"), since == null ? null : since.toInstant(),
				rs.getTimestamp("computed_at").toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
