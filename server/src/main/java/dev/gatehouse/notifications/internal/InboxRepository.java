package dev.gatehouse.notifications.internal;

import dev.gatehouse.notifications.InboxItem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code notifications.inbox_items}. Every read and write is scoped to one user. */
@Repository
class InboxRepository {

	private static final String COLUMNS = "id, title, body, link, created_at, read_at";

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID userId, String title, String body, String link, Instant now) {
		jdbc.sql("""
				insert into notifications.inbox_items (id, user_id, title, body, link, created_at)
				values (:id, :userId, :title, :body, :link, :now)""")
			.param("id", id)
			.param("userId", userId)
			.param("title", title)
			.param("body", body)
			.param("link", link)
			.param("now", Timestamp.from(now))
			.update();
	}

	List<InboxItem> newestUnreadFirst(UUID userId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from notifications.inbox_items
				where user_id = :userId
				order by (read_at is null) desc, created_at desc, id
				limit :limit""")
			.param("userId", userId)
			.param("limit", limit)
			.query(InboxRepository::map)
			.list();
	}

	Optional<InboxItem> find(UUID userId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from notifications.inbox_items where user_id = :userId and id = :id")
			.param("userId", userId)
			.param("id", id)
			.query(InboxRepository::map)
			.optional();
	}

	int unreadCount(UUID userId) {
		return jdbc.sql("select count(*) from notifications.inbox_items where user_id = :userId and read_at is null")
			.param("userId", userId)
			.query(Integer.class)
			.single();
	}

	/** {@code true} when the item is this user's (marking an item read twice keeps the first time). */
	boolean markRead(UUID userId, UUID id, Instant now) {
		return jdbc.sql("""
				update notifications.inbox_items set read_at = coalesce(read_at, :now)
				 where user_id = :userId and id = :id""")
			.param("userId", userId)
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	int markAllRead(UUID userId, Instant now) {
		return jdbc.sql("""
				update notifications.inbox_items set read_at = :now
				 where user_id = :userId and read_at is null""")
			.param("userId", userId)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static InboxItem map(ResultSet rs, int rowNum) throws SQLException {
		Timestamp readAt = rs.getTimestamp("read_at");
		return new InboxItem(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body"),
				rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
				readAt == null ? null : readAt.toInstant());
	}

}
