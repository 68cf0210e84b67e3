package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.LoginEvent;
import dev.gatehouse.identity.LoginEventQuery;
import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.UserId;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class LoginEventLog {

	private static final int MAX_TEXT = 512;

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginEventLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Written in its own transaction: a failed login must leave its trace even when the caller rolls back. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(UserId userId, String username, LoginEventType type, String reason, String ip, String userAgent) {
		jdbc.sql("""
				insert into identity.login_events (occurred_at, user_id, username, type, reason, ip, user_agent)
				values (:at, :user, :username, :type, :reason, :ip, :agent)""")
			.param("at", Timestamp.from(clock.instant()))
			.param("user", userId == null ? null : userId.value())
			.param("username", clip(username == null ? "" : username))
			.param("type", type.name())
			.param("reason", clip(reason))
			.param("ip", clip(ip))
			.param("agent", clip(userAgent))
			.update();
	}

	public List<LoginEvent> find(LoginEventQuery query) {
		return jdbc.sql("""
				select id, occurred_at, user_id, username, type, reason, ip, user_agent from identity.login_events
				where (cast(:user as uuid) is null or user_id = :user)
				  and (:username = '' or username ilike '%' || :username || '%')
				  and (:type = '' or type = :type)
				  and (:ip = '' or ip = :ip)
				  and (cast(:from as timestamptz) is null or occurred_at >= :from)
				  and (cast(:to as timestamptz) is null or occurred_at < :to)
				order by occurred_at desc, id desc limit :limit offset :offset""")
			.param("user", query.userId() == null ? null : query.userId().value())
			.param("username", query.username() == null ? "" : query.username())
			.param("type", query.type() == null ? "" : query.type().name())
			.param("ip", query.ip() == null ? "" : query.ip())
			.param("from", query.from() == null ? null : Timestamp.from(query.from()))
			.param("to", query.to() == null ? null : Timestamp.from(query.to()))
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> new LoginEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getObject("user_id") == null ? null : new UserId(rs.getObject("user_id", UUID.class)),
					rs.getString("username"), LoginEventType.valueOf(rs.getString("type")), rs.getString("reason"),
					rs.getString("ip"), rs.getString("user_agent")))
			.list();
	}

	private static String clip(String text) {
		return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
	}

}
