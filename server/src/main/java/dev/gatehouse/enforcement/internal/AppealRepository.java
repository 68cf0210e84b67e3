package dev.gatehouse.enforcement.internal;

import dev.gatehouse.enforcement.Appeal;
import dev.gatehouse.enforcement.AppealStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AppealRepository {

	private final JdbcClient jdbc;

	AppealRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false when an appeal of the violation is already pending */
	public boolean insert(Appeal a) {
		try {
			return jdbc.sql("""
					insert into enforcement.appeals (id, violation_id, filed_by, grounds, status, filed_at)
					values (:id, :violation, :by, :grounds, 'PENDING', :at)""")
				.param("id", a.id())
				.param("violation", a.violationId())
				.param("by", a.filedBy())
				.param("grounds", a.grounds())
				.param("at", Timestamp.from(a.filedAt()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	public Optional<Appeal> find(UUID id) {
		return jdbc.sql("select * from enforcement.appeals where id = :id").param("id", id).query(AppealRepository::map).optional();
	}

	public List<Appeal> ofViolation(UUID violationId) {
		return jdbc.sql("select * from enforcement.appeals where violation_id = :id order by filed_at")
			.param("id", violationId)
			.query(AppealRepository::map)
			.list();
	}

	public List<Appeal> pending(int limit) {
		return jdbc.sql("select * from enforcement.appeals where status = 'PENDING' order by filed_at limit :limit")
			.param("limit", limit)
			.query(AppealRepository::map)
			.list();
	}

	public boolean decide(UUID id, AppealStatus status, String by, String reason, Instant at) {
		return jdbc.sql("""
				update enforcement.appeals set status = :status, decided_by = :by, decided_at = :at, decision_reason = :reason
				where id = :id and status = 'PENDING'""")
			.param("status", status.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("reason", reason)
			.param("id", id)
			.update() == 1;
	}

	private static Appeal map(ResultSet rs, int row) throws SQLException {
		return new Appeal(rs.getObject("id", UUID.class), rs.getObject("violation_id", UUID.class),
				rs.getObject("filed_by", UUID.class), rs.getString("grounds"), AppealStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("filed_at").toInstant(), rs.getString("decided_by"),
				ViolationRepository.instant(rs.getTimestamp("decided_at")), rs.getString("decision_reason"));
	}

}
