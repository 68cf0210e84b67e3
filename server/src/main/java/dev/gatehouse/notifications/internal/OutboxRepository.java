package dev.gatehouse.notifications.internal;

import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.OutboxMessage;
import dev.gatehouse.notifications.OutboxQuery;
import dev.gatehouse.notifications.OutboxStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code notifications.outbox}. */
@Repository
class OutboxRepository {

	private static final String COLUMNS = "id, created_at, to_address, recipient_user_id, category, subject, text_body, "
			+ "html_body, status, attempts, next_attempt_at, last_attempt_at, sent_at, last_error";

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, EmailMessage message, Instant now) {
		jdbc.sql("""
				insert into notifications.outbox (id, created_at, to_address, recipient_user_id, category, subject,
				    text_body, html_body, status, next_attempt_at)
				values (:id, :now, :to, :recipient, :category, :subject, :text, :html, 'QUEUED', :now)""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.param("to", message.to())
			.param("recipient", message.recipientUserId())
			.param("category", message.category())
			.param("subject", message.subject())
			.param("text", message.textBody())
			.param("html", message.htmlBody())
			.update();
	}

	/**
	 * Locks up to {@code limit} due messages, oldest due first, skipping rows another sender has
	 * locked. Call inside a transaction; the locks last until it ends.
	 */
	List<OutboxMessage> claimDue(Instant now, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from notifications.outbox
				where status in ('QUEUED', 'FAILED') and next_attempt_at <= :now
				order by next_attempt_at, id
				limit :limit
				for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(OutboxRepository::map)
			.list();
	}

	void markSent(UUID id, Instant now) {
		jdbc.sql("""
				update notifications.outbox
				   set status = 'SENT', attempts = attempts + 1, last_attempt_at = :now, sent_at = :now,
				       next_attempt_at = null, last_error = null
				 where id = :id""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** FAILED with the next attempt due at {@code nextAttemptAt}, or ABANDONED when that is {@code null}. */
	void markFailed(UUID id, Instant now, Instant nextAttemptAt, String error) {
		jdbc.sql("""
				update notifications.outbox
				   set status = :status, attempts = attempts + 1, last_attempt_at = :now,
				       next_attempt_at = :next, last_error = :error
				 where id = :id""")
			.param("id", id)
			.param("status", nextAttemptAt == null ? OutboxStatus.ABANDONED.name() : OutboxStatus.FAILED.name())
			.param("now", Timestamp.from(now))
			.param("next", nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
			.param("error", error)
			.update();
	}

	void markHeld(UUID id) {
		jdbc.sql("update notifications.outbox set status = 'HELD', next_attempt_at = null where id = :id")
			.param("id", id)
			.update();
	}

	Optional<OutboxMessage> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from notifications.outbox where id = :id")
			.param("id", id)
			.query(OutboxRepository::map)
			.optional();
	}

	List<OutboxMessage> find(OutboxQuery query) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.to() != null) {
			conditions.add("to_address ilike :to escape '\\'");
			params.put("to", "%" + escapeLike(query.to()) + "%");
		}
		if (query.category() != null) {
			conditions.add("category like :category escape '\\'");
			params.put("category", escapeLike(query.category()) + "%");
		}
		if (query.status() != null) {
			conditions.add("status = :status");
			params.put("status", query.status().name());
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		var statement = jdbc.sql("select " + COLUMNS + " from notifications.outbox" + where
				+ " order by created_at desc, id limit :limit");
		params.forEach(statement::param);
		return statement.param("limit", query.limit()).query(OutboxRepository::map).list();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static OutboxMessage map(ResultSet rs, int rowNum) throws SQLException {
		return new OutboxMessage(rs.getObject("id", UUID.class), instant(rs, "created_at"), rs.getString("to_address"),
				rs.getObject("recipient_user_id", UUID.class), rs.getString("category"), rs.getString("subject"),
				rs.getString("text_body"), rs.getString("html_body"), OutboxStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"),
				instant(rs, "sent_at"), rs.getString("last_error"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
