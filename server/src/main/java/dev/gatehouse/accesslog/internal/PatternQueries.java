package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.AccessPatterns;
import dev.gatehouse.accesslog.AccessPatterns.Burst;
import dev.gatehouse.accesslog.AccessPatterns.NetworkSpread;
import dev.gatehouse.accesslog.AccessPatterns.SubjectReadSpike;
import dev.gatehouse.accesslog.AccessPatterns.UpstreamLoad;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The monitoring detectors' statements. Each bounds {@code occurred_at} (partition pruning) and
 * aggregates in one pass; none reads a row per call back into Java. Kept apart from
 * {@link CallQueries}, which serves the per-app and per-subject views.
 */
@Repository
public class PatternQueries {

	/**
	 * A caller's network as text: IPv4 /24 or the first three groups of an IPv6 address (/48 when
	 * written out). The log keeps addresses as text, so a regular expression, not an inet cast that
	 * a malformed address would fail.
	 */
	private static final String NETWORK = """
			case when client_address ~ '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$'
			     then regexp_replace(client_address, '\\.\\d{1,3}$', '.0/24')
			     when client_address like '%:%'
			     then split_part(client_address, ':', 1) || ':' || split_part(client_address, ':', 2) || ':'
			          || split_part(client_address, ':', 3) || '::/48'
			     else client_address end""";

	private final JdbcClient jdbc;

	PatternQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<UUID, Map<String, Instant>> lastScopeUse(Instant from, Instant to) {
		Map<UUID, Map<String, Instant>> result = new HashMap<>();
		// Distinct scope arrays first (few per app, each with its latest call), so the unnest runs on
		// a handful of rows; one pass answers every shorter window too.
		jdbc.sql("""
				select app_id, s as scope, max(last_used) as last_used
				from (select app_id, scopes, max(occurred_at) as last_used from accesslog.api_calls
				      where occurred_at >= :from and occurred_at < :to and status < 400 and app_id is not null
				        and cardinality(scopes) > 0
				      group by app_id, scopes) d, unnest(d.scopes) as s
				group by app_id, s""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> result.computeIfAbsent(rs.getObject("app_id", UUID.class), k -> new HashMap<>())
				.put(rs.getString("scope"), rs.getTimestamp("last_used").toInstant()))
			.list();
		return result;
	}

	public Map<UUID, Set<String>> routesUsedByApp(Instant from, Instant to) {
		Map<UUID, Set<String>> result = new HashMap<>();
		jdbc.sql("""
				select app_id, array_agg(distinct route_id) as routes from accesslog.api_calls
				where occurred_at >= :from and occurred_at < :to and app_id is not null and route_id is not null
				group by app_id""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> result.put(rs.getObject("app_id", UUID.class), new TreeSet<>(strings(rs.getArray("routes")))))
			.list();
		return result;
	}

	public List<SubjectReadSpike> subjectReadSpikes(Instant baselineFrom, Instant recentFrom, Instant to, double factor,
			long floorPerDay) {
		double baselineDays = Math.max(1, Duration.between(baselineFrom, recentFrom).toMinutes() / 1440.0);
		double recentDays = Math.max(1.0 / 24, Duration.between(recentFrom, to).toMinutes() / 1440.0);
		return jdbc.sql("""
				select app_id, installation_id, customer_account_id, recent, baseline_per_day from (
				  select app_id, installation_id, min(customer_account_id::text)::uuid as customer_account_id,
				         coalesce(sum(cardinality(subject_ids)) filter (where occurred_at >= :recentFrom), 0) as recent,
				         coalesce(sum(cardinality(subject_ids)) filter (where occurred_at < :recentFrom), 0) / :baselineDays as baseline_per_day
				  from accesslog.api_calls
				  where occurred_at >= :baselineFrom and occurred_at < :to and installation_id is not null
				    and status < 400 and cardinality(subject_ids) > 0
				  group by app_id, installation_id) per_installation
				where recent / :recentDays > :factor * greatest(baseline_per_day, :floor)
				order by recent desc""")
			.param("baselineFrom", Timestamp.from(baselineFrom))
			.param("recentFrom", Timestamp.from(recentFrom))
			.param("to", Timestamp.from(to))
			.param("baselineDays", baselineDays)
			.param("recentDays", recentDays)
			.param("factor", factor)
			.param("floor", (double) floorPerDay)
			.query((rs, n) -> new SubjectReadSpike(rs.getObject("app_id", UUID.class),
					rs.getObject("installation_id", UUID.class), rs.getObject("customer_account_id", UUID.class),
					rs.getLong("recent"), rs.getDouble("baseline_per_day")))
			.list();
	}

	public List<Burst> probingBursts(Instant from, Instant to, Duration bucket, long threshold) {
		return bursts("""
				rejection = any(cast(:rejections as text[]))""", "coalesce(route_id, method || ' ' || path)", from, to,
				bucket, threshold, Map.of("rejections", AccessPatterns.PROBING_REJECTIONS.toArray(String[]::new)));
	}

	public List<Burst> messageBursts(Instant from, Instant to, long perHour) {
		return bursts("""
				method = 'POST' and status < 400 and 'messages' = any(data_categories)""", "route_id", from, to,
				Duration.ofHours(1), perHour + 1, Map.of());
	}

	/** Per app, the worst {@code bucket} with at least {@code threshold} calls matching {@code where}. */
	private List<Burst> bursts(String where, String sample, Instant from, Instant to, Duration bucket, long threshold,
			Map<String, Object> params) {
		return jdbc.sql("""
				select distinct on (app_id) app_id, bucket as start, calls, count(*) over (partition by app_id) as windows,
				       samples
				from (select app_id, date_bin(make_interval(secs => :seconds), occurred_at, :from) as bucket,
				             count(*) as calls, array_agg(distinct %s) as samples
				      from accesslog.api_calls
				      where occurred_at >= :from and occurred_at < :to and app_id is not null and %s
				      group by 1, 2
				      having count(*) >= :threshold) over_threshold
				order by app_id, calls desc, bucket""".formatted(sample, where))
			.param("seconds", bucket.toSeconds())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("threshold", threshold)
			.params(params)
			.query((rs, n) -> new Burst(rs.getObject("app_id", UUID.class), rs.getTimestamp("start").toInstant(),
					rs.getLong("calls"), rs.getLong("windows"), first(strings(rs.getArray("samples")), 5)))
			.list();
	}

	public List<NetworkSpread> networkSpreads(Instant from, Instant to, int networks) {
		return jdbc.sql("""
				select app_id, installation_id, min(client_id) as client_id, count(distinct network) as networks,
				       count(*) as calls, array_agg(distinct network) as samples
				from (select app_id, installation_id, client_id, %s as network
				      from accesslog.api_calls
				      where occurred_at >= :from and occurred_at < :to and app_id is not null
				        and client_address is not null) c
				group by app_id, installation_id
				having count(distinct network) > :networks
				order by networks desc""".formatted(NETWORK))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("networks", networks)
			.query((rs, n) -> new NetworkSpread(rs.getObject("app_id", UUID.class),
					rs.getObject("installation_id", UUID.class), rs.getString("client_id"), rs.getInt("networks"),
					rs.getLong("calls"), first(strings(rs.getArray("samples")), 10)))
			.list();
	}

	/** Forwarded calls only: a call the gateway refused put no load on the platform. */
	public List<UpstreamLoad> upstreamLoad(Instant from, Instant to, long minCalls, double errorRatePercent,
			long p99Millis) {
		return jdbc.sql("""
				select app_id, calls, errors, 100.0 * errors / calls as error_rate, p99 from (
				  select app_id, count(*) as calls, count(*) filter (where status >= 500) as errors,
				         percentile_disc(0.99) within group (order by latency_micros) as p99
				  from accesslog.api_calls
				  where occurred_at >= :from and occurred_at < :to and app_id is not null
				    and (rejection is null or rejection in ('upstream_unavailable', 'upstream_timeout'))
				  group by app_id) per_app
				where calls >= :minCalls and (100.0 * errors / calls > :errorRate or p99 > :p99Micros)
				order by error_rate desc""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("minCalls", minCalls)
			.param("errorRate", errorRatePercent)
			.param("p99Micros", p99Millis * 1000)
			.query((rs, n) -> new UpstreamLoad(rs.getObject("app_id", UUID.class), rs.getLong("calls"),
					rs.getLong("errors"), rs.getDouble("error_rate"), rs.getLong("p99")))
			.list();
	}

	private static List<String> first(List<String> values, int n) {
		return values.size() <= n ? values : values.subList(0, n);
	}

	private static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.stream((Object[]) array.getArray()).filter(java.util.Objects::nonNull).map(String::valueOf).toList();
	}

}
