package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.AccountSubjects;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.accesslog.AppTouch;
import dev.gatehouse.accesslog.AppTraffic;
import dev.gatehouse.accesslog.CallQuery;
import dev.gatehouse.accesslog.RouteTraffic;
import dev.gatehouse.accesslog.SubjectTouches;
import dev.gatehouse.accesslog.TrafficBucket;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read side. Every query bounds {@code occurred_at}, so PostgreSQL reads only the day partitions
 * of the window. Errors are statuses of 400 and above except 429, which is counted apart.
 */
@Repository
public class CallQueries {

	private static final String ERROR = "(status >= 400 and status <> 429)";

	private static final int FETCH_SIZE = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate readOnly;

	CallQueries(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	public List<AppTouch> appsTouchingSubject(UUID account, String subject, Instant from, Instant to) {
		return jdbc.sql("""
				select t.app_id, t.installation_id, min(t.occurred_at) as first_touch, max(t.occurred_at) as last_touch,
				       count(distinct t.call_id) as calls,
				       array_remove(array_agg(distinct c.category order by c.category), null) as categories
				from accesslog.subject_touches t
				left join lateral unnest(t.data_categories) as c(category) on true
				where t.customer_account_id = :account and t.subject_id = :subject
				  and t.occurred_at >= :from and t.occurred_at < :to
				group by t.app_id, t.installation_id
				order by last_touch desc""")
			.param("account", account)
			.param("subject", subject)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new AppTouch(rs.getObject("app_id", UUID.class), rs.getObject("installation_id", UUID.class),
					rs.getTimestamp("first_touch").toInstant(), rs.getTimestamp("last_touch").toInstant(),
					rs.getLong("calls"), strings(rs.getArray("categories"))))
			.list();
	}

	/**
	 * The blast radius in one pass: each (account, subject, app, category set) with its touch count.
	 * Grouping by the category array rather than unnesting it keeps one row per touch (the writer
	 * records a subject once per call, so {@code count(*)} counts calls), and the index on
	 * (app_id, occurred_at) that includes the other three columns answers it by an index-only scan
	 * of the window's partitions.
	 */
	static final String SUBJECT_TOUCHES = """
			select customer_account_id, subject_id, app_id, data_categories, count(*) as touches
			from accesslog.subject_touches
			where app_id = any(?) and occurred_at >= ? and occurred_at < ?
			group by customer_account_id, subject_id, app_id, data_categories""";

	public void subjectTouches(Collection<UUID> apps, Instant from, Instant to, Consumer<SubjectTouches> sink) {
		UUID[] ids = apps.stream().distinct().toArray(UUID[]::new);
		// A cursor (fetch size, in a transaction) so a radius of millions of subjects is never in memory at once.
		readOnly.executeWithoutResult(status -> jdbcTemplate.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(SUBJECT_TOUCHES);
			statement.setFetchSize(FETCH_SIZE);
			statement.setArray(1, connection.createArrayOf("uuid", ids));
			statement.setTimestamp(2, Timestamp.from(from));
			statement.setTimestamp(3, Timestamp.from(to));
			return statement;
		}, (RowCallbackHandler) rs -> sink.accept(new SubjectTouches(rs.getObject(1, UUID.class), rs.getString(2),
				rs.getObject(3, UUID.class), strings(rs.getArray(4)), rs.getLong(5)))));
	}

	public List<AccountSubjects> subjectsTouched(UUID app, Instant from, Instant to) {
		record Subject(long[] touches, Set<String> categories) {
		}
		// Accounts and subjects sorted as PostgreSQL sorts uuids (unsigned bytes, which is their text order).
		Map<UUID, Map<String, Subject>> byAccount = new TreeMap<>(Comparator.comparing(UUID::toString));
		subjectTouches(List.of(app), from, to, row -> {
			Subject subject = byAccount.computeIfAbsent(row.customerAccountId(), k -> new TreeMap<>())
				.computeIfAbsent(row.subjectId(), k -> new Subject(new long[1], new HashSet<>()));
			subject.touches()[0] += row.touches();
			subject.categories().addAll(row.dataCategories());
		});
		List<AccountSubjects> result = new ArrayList<>();
		byAccount.forEach((account, subjects) -> {
			Map<String, Long> perCategory = new TreeMap<>();
			subjects.values().forEach(s -> s.categories().forEach(c -> perCategory.merge(c, 1L, Long::sum)));
			result.add(new AccountSubjects(account, List.copyOf(subjects.keySet()), perCategory,
					subjects.values().stream().mapToLong(s -> s.touches()[0]).sum()));
		});
		return result;
	}

	public List<ApiCall> calls(CallQuery query) {
		var sql = new StringBuilder("select * from accesslog.api_calls c where c.occurred_at >= :from and c.occurred_at < :to");
		Map<String, Object> params = new HashMap<>();
		params.put("from", Timestamp.from(query.from()));
		params.put("to", Timestamp.from(query.to()));
		if (query.appId() != null) {
			sql.append(" and c.app_id = :app");
			params.put("app", query.appId());
		}
		if (query.customerAccountId() != null) {
			sql.append(" and c.customer_account_id = :account");
			params.put("account", query.customerAccountId());
		}
		if (query.installationId() != null) {
			sql.append(" and c.installation_id = :installation");
			params.put("installation", query.installationId());
		}
		if (query.subjectId() != null) {
			// Through the lineage table: its index finds the calls without unnesting every call's subjects.
			sql.append(" and c.id in (select t.call_id from accesslog.subject_touches t where t.subject_id = :subject"
					+ " and t.occurred_at >= :from and t.occurred_at < :to");
			if (query.customerAccountId() != null) {
				sql.append(" and t.customer_account_id = :account");
			}
			sql.append(")");
			params.put("subject", query.subjectId());
		}
		if (query.before() != null) {
			sql.append(" and (c.occurred_at, c.id) < (:beforeAt, :beforeId)");
			params.put("beforeAt", Timestamp.from(query.before().occurredAt()));
			params.put("beforeId", query.before().id());
		}
		sql.append(" order by c.occurred_at desc, c.id desc limit :limit");
		params.put("limit", query.limit());
		return jdbc.sql(sql.toString()).params(params).query(CallQueries::call).list();
	}

	public Map<UUID, Instant> lastCalls(Collection<UUID> installations) {
		if (installations.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Instant> result = new HashMap<>();
		// One index probe per installation (newest partition first) rather than a group-by over all of them.
		jdbc.sql("""
				select i.id, (select max(c.occurred_at) from accesslog.api_calls c where c.installation_id = i.id) as last_call
				from unnest(cast(:ids as uuid[])) as i(id)""")
			.param("ids", installations.stream().distinct().map(UUID::toString).toArray(String[]::new))
			.query((rs, n) -> {
				Timestamp last = rs.getTimestamp("last_call");
				if (last != null) {
					result.put(rs.getObject("id", UUID.class), last.toInstant());
				}
				return null;
			})
			.list();
		return result;
	}

	public List<TrafficBucket> traffic(UUID app, Instant from, Instant to, Duration bucket) {
		Map<Instant, TrafficBucket> found = new HashMap<>();
		jdbc.sql("""
				select date_bin(make_interval(secs => :seconds), occurred_at, :from) as bucket, count(*) as calls,
				       count(*) filter (where %s) as errors, count(*) filter (where status = 429) as rate_limited,
				       percentile_disc(0.5) within group (order by latency_micros) as p50,
				       percentile_disc(0.99) within group (order by latency_micros) as p99
				from accesslog.api_calls
				where occurred_at >= :from and occurred_at < :to %s
				group by 1""".formatted(ERROR, appFilter(app)))
			.param("seconds", bucket.toSeconds())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.params(app == null ? Map.of() : Map.of("app", app))
			.query((rs, n) -> found.put(rs.getTimestamp("bucket").toInstant(),
					new TrafficBucket(rs.getTimestamp("bucket").toInstant(), rs.getLong("calls"), rs.getLong("errors"),
							rs.getLong("rate_limited"), rs.getLong("p50"), rs.getLong("p99"))))
			.list();
		// Empty buckets too, so a chart's x axis is continuous.
		List<TrafficBucket> buckets = new ArrayList<>();
		for (Instant start = from; start.isBefore(to); start = start.plus(bucket)) {
			buckets.add(found.getOrDefault(start, new TrafficBucket(start, 0, 0, 0, 0, 0)));
		}
		return buckets;
	}

	public List<RouteTraffic> topRoutes(UUID app, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select route_id, count(*) as calls, count(*) filter (where %s) as errors,
				       count(*) filter (where status = 429) as rate_limited,
				       percentile_disc(0.99) within group (order by latency_micros) as p99
				from accesslog.api_calls
				where occurred_at >= :from and occurred_at < :to %s
				group by route_id order by calls desc, route_id limit :limit""".formatted(ERROR, appFilter(app)))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.params(app == null ? Map.of() : Map.of("app", app))
			.query((rs, n) -> new RouteTraffic(rs.getString("route_id"), rs.getLong("calls"), rs.getLong("errors"),
					rs.getLong("rate_limited"), rs.getLong("p99")))
			.list();
	}

	public List<AppTraffic> trafficByApp(Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select app_id, count(*) as calls, count(*) filter (where %s) as errors,
				       count(*) filter (where status = 429) as rate_limited, max(occurred_at) as last_call
				from accesslog.api_calls
				where occurred_at >= :from and occurred_at < :to
				group by app_id order by calls desc limit :limit""".formatted(ERROR))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query((rs, n) -> new AppTraffic(rs.getObject("app_id", UUID.class), rs.getLong("calls"), rs.getLong("errors"),
					rs.getLong("rate_limited"), rs.getTimestamp("last_call").toInstant()))
			.list();
	}

	/** Successful calls (below 400) only: a refused call did not use its scopes. */
	public SortedSet<String> scopesUsed(UUID app, Instant from, Instant to) {
		return new TreeSet<>(jdbc.sql("""
				select distinct s from accesslog.api_calls, unnest(scopes) as s
				where app_id = :app and occurred_at >= :from and occurred_at < :to and status < 400""")
			.param("app", app)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(String.class)
			.list());
	}

	/** A separate statement per case, so the plan for one app uses the app index. */
	private static String appFilter(UUID app) {
		return app == null ? "" : "and app_id = :app";
	}

	static ApiCall call(ResultSet rs, int row) throws SQLException {
		return new ApiCall(rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
				rs.getObject("app_id", UUID.class), rs.getString("client_id"), rs.getObject("installation_id", UUID.class),
				rs.getObject("customer_account_id", UUID.class), rs.getString("route_id"), rs.getString("method"),
				rs.getString("path"), rs.getInt("status"), rs.getLong("latency_micros"), rs.getLong("request_bytes"),
				rs.getLong("response_bytes"), strings(rs.getArray("scopes")), strings(rs.getArray("data_categories")),
				strings(rs.getArray("subject_ids")), rs.getString("client_address"), rs.getString("rejection"));
	}

	private static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
	}

}
