package dev.gatehouse.enforcement.internal;

import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.FindingStatus;

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

@Repository
public class FindingRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	FindingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts unless an open finding with the same subject and key exists; returns whether it did. */
	boolean insertIfNew(UUID id, String clauseId, String subjectType, String subjectId, String source, String dedupKey,
			String summary, Map<String, Object> evidence, Instant now) {
		return jdbc.sql("""
				insert into enforcement.findings (id, clause_id, subject_type, subject_id, source, dedup_key, summary,
				  evidence, status, found_at)
				values (:id, :clause, :type, :subject, :source, :key, :summary, :evidence::jsonb, 'OPEN', :now)
				on conflict (subject_type, subject_id, dedup_key) where status = 'OPEN' do nothing""")
			.param("id", id)
			.param("clause", clauseId)
			.param("type", subjectType)
			.param("subject", subjectId)
			.param("source", source)
			.param("key", dedupKey)
			.param("summary", summary)
			.param("evidence", JSON.writeValueAsString(evidence))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	public List<Finding> find(FindingStatus status, String subjectType, String subjectId, int limit, int offset) {
		return jdbc.sql("""
				select * from enforcement.findings
				where (:status = '' or status = :status)
				  and (:type = '' or subject_type = :type) and (:subject = '' or subject_id = :subject)
				order by found_at desc, id limit :limit offset :offset""")
			.param("status", status == null ? "" : status.name())
			.param("type", subjectType == null ? "" : subjectType)
			.param("subject", subjectId == null ? "" : subjectId)
			.param("limit", Math.clamp(limit, 1, 500))
			.param("offset", Math.max(offset, 0))
			.query(FindingRepository::map)
			.list();
	}

	public Optional<Finding> findById(UUID id) {
		return jdbc.sql("select * from enforcement.findings where id = :id").param("id", id).query(FindingRepository::map).optional();
	}

	public boolean close(UUID id, FindingStatus status, String reason, Instant now) {
		return jdbc.sql("""
				update enforcement.findings set status = :status, closed_at = :now, closed_reason = :reason
				where id = :id and status = 'OPEN'""")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("reason", reason)
			.param("id", id)
			.update() == 1;
	}

	private static Finding map(ResultSet rs, int row) throws SQLException {
		Timestamp closed = rs.getTimestamp("closed_at");
		return new Finding(rs.getObject("id", UUID.class), rs.getString("clause_id"), rs.getString("subject_type"),
				rs.getString("subject_id"), rs.getString("source"), rs.getString("summary"),
				JSON.readValue(rs.getString("evidence"), new TypeReference<Map<String, Object>>() {
				}), FindingStatus.valueOf(rs.getString("status")), rs.getTimestamp("found_at").toInstant(),
				closed == null ? null : closed.toInstant(), rs.getString("closed_reason"));
	}

}
