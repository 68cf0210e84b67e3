package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.AuditQuery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code auditlog.audit_events} and its head. Appends must run inside a transaction: the
 * head row lock serializes writers on every node until that transaction ends.
 */
@Repository
class AuditChain {

	private static final String COLUMNS = "seq, occurred_at, actor, actor_ip, action, target, details, prev_hash, hash";

	private final JdbcClient jdbc;

	private final int fetchSize;

	AuditChain(JdbcClient jdbc, AuditLogProperties properties) {
		this.jdbc = jdbc;
		this.fetchSize = properties.fetchSize();
	}

	ChainRow append(Instant occurredAt, String actor, String actorIp, String action, String target, String details) {
		Head head = jdbc.sql("select seq, hash from auditlog.chain_head for update")
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
			.single();
		ChainRow row = ChainRow.append(head.seq() + 1, occurredAt, actor, actorIp, action, target, details,
				head.hash());
		jdbc.sql("""
				insert into auditlog.audit_events (seq, occurred_at, actor, actor_ip, action, target, details, prev_hash, hash)
				values (:seq, :occurredAt, :actor, :actorIp, :action, :target, :details, :prevHash, :hash)""")
			.param("seq", row.seq())
			.param("occurredAt", Timestamp.from(row.occurredAt()))
			.param("actor", row.actor())
			.param("actorIp", row.actorIp())
			.param("action", row.action())
			.param("target", row.target())
			.param("details", row.details())
			.param("prevHash", row.prevHash())
			.param("hash", row.hash())
			.update();
		jdbc.sql("update auditlog.chain_head set seq = :seq, hash = :hash")
			.param("seq", row.seq())
			.param("hash", row.hash())
			.update();
		return row;
	}

	Head head() {
		return jdbc.sql("select seq, hash from auditlog.chain_head")
			.query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
			.single();
	}

	/** One page, newest first; reads one row more than the page to know whether another page follows. */
	List<ChainRow> findNewestFirst(AuditQuery query, int limit) {
		var where = new Filter(query);
		if (query.beforeSeq() != null) {
			where.add("seq < :beforeSeq", "beforeSeq", query.beforeSeq());
		}
		var statement = jdbc.sql("select " + COLUMNS + " from auditlog.audit_events" + where.sql()
				+ " order by seq desc limit :limit");
		where.params().forEach(statement::param);
		return statement.param("limit", limit).query(AuditChain::map).list();
	}

	/** Streams the rows matching the query's filters oldest first; call inside a transaction. */
	void streamOldestFirst(AuditQuery query, Consumer<ChainRow> consumer) {
		var where = new Filter(query);
		var statement = jdbc.sql("select " + COLUMNS + " from auditlog.audit_events" + where.sql() + " order by seq")
			.withFetchSize(fetchSize);
		where.params().forEach(statement::param);
		statement.query((ResultSet rs) -> {
			consumer.accept(map(rs, 0));
		});
	}

	/** Streams the whole chain oldest first; call inside a transaction so the fetch size applies. */
	void streamAll(Consumer<ChainRow> consumer) {
		jdbc.sql("select " + COLUMNS + " from auditlog.audit_events order by seq")
			.withFetchSize(fetchSize)
			.query((ResultSet rs) -> {
				consumer.accept(map(rs, 0));
			});
	}

	private static ChainRow map(ResultSet rs, int rowNum) throws SQLException {
		return new ChainRow(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
				rs.getString("actor_ip"), rs.getString("action"), rs.getString("target"), rs.getString("details"),
				rs.getBytes("prev_hash"), rs.getBytes("hash"));
	}

	record Head(long seq, byte[] hash) {
	}

	/** The WHERE clause for a query's filters, with named parameters. */
	private static final class Filter {

		private final List<String> conditions = new ArrayList<>();

		private final java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();

		Filter(AuditQuery query) {
			if (query.actor() != null) {
				add("actor = :actor", "actor", query.actor());
			}
			if (query.actionPrefix() != null) {
				add("action like :actionPrefix escape '\\'", "actionPrefix", escapeLike(query.actionPrefix()) + "%");
			}
			if (query.target() != null) {
				add("target = :target", "target", query.target());
			}
			if (query.from() != null) {
				add("occurred_at >= :from", "from", Timestamp.from(query.from()));
			}
			if (query.to() != null) {
				add("occurred_at < :to", "to", Timestamp.from(query.to()));
			}
		}

		void add(String condition, String name, Object value) {
			conditions.add(condition);
			params.put(name, value);
		}

		String sql() {
			return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		}

		java.util.Map<String, Object> params() {
			return params;
		}

		private static String escapeLike(String value) {
			return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		}

	}

}
