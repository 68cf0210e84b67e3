package dev.gatehouse.enforcement.internal;

import dev.gatehouse.enforcement.AbuseReport;
import dev.gatehouse.enforcement.AbuseReportStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AbuseReportRepository {

	private final JdbcClient jdbc;

	AbuseReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(AbuseReport r) {
		jdbc.sql("""
				insert into enforcement.abuse_reports (id, app_id, reporter_id, category, description, status, reported_at)
				values (:id, :app, :reporter, :category, :description, 'OPEN', :at)""")
			.param("id", r.id())
			.param("app", r.appId())
			.param("reporter", r.reporterId())
			.param("category", r.category())
			.param("description", r.description())
			.param("at", Timestamp.from(r.reportedAt()))
			.update();
	}

	public Optional<AbuseReport> find(UUID id) {
		return jdbc.sql("select * from enforcement.abuse_reports where id = :id")
			.param("id", id)
			.query(AbuseReportRepository::map)
			.optional();
	}

	public List<AbuseReport> find(AbuseReportStatus status, int limit, int offset) {
		return jdbc.sql("""
				select * from enforcement.abuse_reports where (:status = '' or status = :status)
				order by reported_at desc, id limit :limit offset :offset""")
			.param("status", status == null ? "" : status.name())
			.param("limit", Math.clamp(limit, 1, 500))
			.param("offset", Math.max(offset, 0))
			.query(AbuseReportRepository::map)
			.list();
	}

	public List<AbuseReport> ofApp(UUID appId) {
		return jdbc.sql("select * from enforcement.abuse_reports where app_id = :app order by reported_at desc, id limit 500")
			.param("app", appId)
			.query(AbuseReportRepository::map)
			.list();
	}

	public boolean triage(UUID id, AbuseReportStatus status, String by, String note, UUID violationId, Instant at) {
		return jdbc.sql("""
				update enforcement.abuse_reports set status = :status, triaged_by = :by, triaged_at = :at, triage_note = :note,
				  violation_id = :violation
				where id = :id and status = 'OPEN'""")
			.param("status", status.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("note", note)
			.param("violation", violationId)
			.param("id", id)
			.update() == 1;
	}

	private static AbuseReport map(ResultSet rs, int row) throws SQLException {
		return new AbuseReport(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
				rs.getObject("reporter_id", UUID.class), rs.getString("category"), rs.getString("description"),
				AbuseReportStatus.valueOf(rs.getString("status")), rs.getTimestamp("reported_at").toInstant(),
				rs.getString("triaged_by"), ViolationRepository.instant(rs.getTimestamp("triaged_at")),
				rs.getString("triage_note"), rs.getObject("violation_id", UUID.class));
	}

}
