package dev.gatehouse.review.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.CheckResult;
import dev.gatehouse.review.CheckRun;
import dev.gatehouse.review.CheckTrigger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Check runs, their results and the failing-URL tracker, in the {@code review} schema. */
@Repository
public class CheckRepository {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	CheckRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false when the schedule key was already taken (another node queued tonight's run) */
	public boolean insertRun(UUID id, AppId app, UUID revision, int number, CheckTrigger trigger, String requestedBy,
			Instant now, String scheduleKey) {
		return jdbc.sql("""
				insert into review.check_runs (id, app_id, revision_id, revision_number, trigger, status, requested_by,
				  requested_at, schedule_key)
				values (:id, :app, :rev, :num, :trigger, 'QUEUED', :by, :now, :key)
				on conflict (schedule_key) do nothing""")
			.param("id", id)
			.param("app", app.value())
			.param("rev", revision)
			.param("num", number)
			.param("trigger", trigger.name())
			.param("by", requestedBy)
			.param("now", Timestamp.from(now))
			.param("key", scheduleKey)
			.update() == 1;
	}

	/** Claims the oldest queued runs (SKIP LOCKED: each run goes to exactly one worker). */
	List<CheckRun> claim(int limit, Instant now, AppId app) {
		return jdbc.sql("""
				update review.check_runs set status = 'RUNNING', started_at = :now
				where id in (select id from review.check_runs where status = 'QUEUED'
				               and (cast(:app as uuid) is null or app_id = cast(:app as uuid))
				             order by requested_at limit :limit for update skip locked)
				returning *""")
			.param("now", Timestamp.from(now))
			.param("app", app == null ? null : app.value())
			.param("limit", limit)
			.query(CheckRepository::run)
			.list();
	}

	/** Runs left RUNNING by a node that died go back to the queue. */
	int requeueStale(Instant startedBefore) {
		return jdbc.sql("update review.check_runs set status = 'QUEUED', started_at = null where status = 'RUNNING' and started_at < :t")
			.param("t", Timestamp.from(startedBefore))
			.update();
	}

	void finish(UUID run, String packId, String packVersion, Instant now) {
		jdbc.sql("update review.check_runs set status = 'DONE', finished_at = :now, pack_id = :pack, pack_version = :version where id = :id")
			.param("now", Timestamp.from(now))
			.param("pack", packId)
			.param("version", packVersion)
			.param("id", run)
			.update();
	}

	void insertResult(UUID run, AppId app, String clause, String mechanism, CheckOutcome outcome, String summary,
			Map<String, Object> evidence, Instant now) {
		jdbc.sql("""
				insert into review.check_results (id, run_id, app_id, clause_id, mechanism_id, outcome, summary, evidence, checked_at)
				values (:id, :run, :app, :clause, :mechanism, :outcome, :summary, :evidence::jsonb, :now)""")
			.param("id", UUID.randomUUID())
			.param("run", run)
			.param("app", app.value())
			.param("clause", clause)
			.param("mechanism", mechanism)
			.param("outcome", outcome.name())
			.param("summary", summary)
			.param("evidence", JSON.writeValueAsString(evidence))
			.param("now", Timestamp.from(now))
			.update();
	}

	public Optional<CheckRun> run(UUID id) {
		return jdbc.sql("select * from review.check_runs where id = :id").param("id", id).query(CheckRepository::run).optional();
	}

	public List<CheckRun> runs(AppId app, int limit) {
		return jdbc.sql("select * from review.check_runs where app_id = :app order by requested_at desc limit :limit")
			.param("app", app.value())
			.param("limit", limit)
			.query(CheckRepository::run)
			.list();
	}

	/** The newest finished run of the revision, if any. */
	public Optional<CheckRun> latestDone(UUID revision) {
		return jdbc.sql("""
				select * from review.check_runs where revision_id = :rev and status = 'DONE'
				order by finished_at desc limit 1""")
			.param("rev", revision)
			.query(CheckRepository::run)
			.optional();
	}

	public boolean pending(UUID revision) {
		return jdbc.sql("select count(*) from review.check_runs where revision_id = :rev and status <> 'DONE'")
			.param("rev", revision)
			.query(Integer.class)
			.single() > 0;
	}

	public List<CheckResult> results(UUID run) {
		return jdbc.sql("select * from review.check_results where run_id = :run order by clause_id, mechanism_id")
			.param("run", run)
			.query(CheckRepository::result)
			.list();
	}

	/** The app's results for one clause, newest first. */
	public List<CheckResult> history(AppId app, String clause, int limit) {
		return jdbc.sql("""
				select * from review.check_results where app_id = :app and clause_id = :clause
				order by checked_at desc limit :limit""")
			.param("app", app.value())
			.param("clause", clause)
			.param("limit", limit)
			.query(CheckRepository::result)
			.list();
	}

	/** Records a failing URL; returns since when it has been failing. */
	Instant urlFailing(AppId app, String field, String url, Instant now) {
		return jdbc.sql("""
				insert into review.url_failures (app_id, field, url, failing_since, last_failure)
				values (:app, :field, :url, :now, :now)
				on conflict (app_id, field) do update set last_failure = :now,
				  failing_since = case when review.url_failures.url = excluded.url then review.url_failures.failing_since else :now end,
				  reported_at = case when review.url_failures.url = excluded.url then review.url_failures.reported_at else null end,
				  url = excluded.url
				returning failing_since""")
			.param("app", app.value())
			.param("field", field)
			.param("url", url)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.single();
	}

	/** Marks the failing URL reported; false when it already was. */
	boolean urlReported(AppId app, String field, Instant now) {
		return jdbc.sql("update review.url_failures set reported_at = :now where app_id = :app and field = :field and reported_at is null")
			.param("now", Timestamp.from(now))
			.param("app", app.value())
			.param("field", field)
			.update() == 1;
	}

	void urlAnswering(AppId app, String field) {
		jdbc.sql("delete from review.url_failures where app_id = :app and field = :field")
			.param("app", app.value())
			.param("field", field)
			.update();
	}

	static CheckRun run(ResultSet rs, int n) throws SQLException {
		return new CheckRun(rs.getObject("id", UUID.class), new AppId(rs.getObject("app_id", UUID.class)),
				rs.getObject("revision_id", UUID.class), rs.getInt("revision_number"),
				CheckTrigger.valueOf(rs.getString("trigger")), rs.getString("status"), rs.getString("requested_by"),
				instant(rs, "requested_at"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("pack_id"),
				rs.getString("pack_version"));
	}

	static CheckResult result(ResultSet rs, int n) throws SQLException {
		return new CheckResult(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class), rs.getString("clause_id"),
				rs.getString("mechanism_id"), CheckOutcome.valueOf(rs.getString("outcome")), rs.getString("summary"),
				json(rs.getString("evidence")), instant(rs, "checked_at"));
	}

	static Map<String, Object> json(String text) {
		return text == null ? Map.of() : JSON.readValue(text, new TypeReference<Map<String, Object>>() {
		});
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
