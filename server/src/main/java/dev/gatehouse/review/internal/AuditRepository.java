package dev.gatehouse.review.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.review.Audit;
import dev.gatehouse.review.AuditOutcome;
import dev.gatehouse.review.EvidenceFile;
import dev.gatehouse.review.EvidenceRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.gatehouse.review.internal.CheckRepository.instant;

/** Audits, evidence requests and evidence files. */
@Repository
public class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false when the app already has an open audit */
	public boolean insertAudit(UUID id, AppId app, ScopeTier tier, String reason, String by, Instant now, Instant due) {
		return jdbc.sql("""
				insert into review.audits (id, app_id, tier, reason, status, opened_at, opened_by, due_at)
				values (:id, :app, :tier, :reason, 'OPEN', :now, :by, :due)
				on conflict (app_id) where status = 'OPEN' do nothing""")
			.param("id", id)
			.param("app", app.value())
			.param("tier", tier.name())
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("by", by)
			.param("due", Timestamp.from(due))
			.update() == 1;
	}

	public Optional<Audit> audit(UUID id) {
		return jdbc.sql("select * from review.audits where id = :id").param("id", id).query(AuditRepository::audit).optional();
	}

	public Optional<Audit> lockAudit(UUID id) {
		return jdbc.sql("select * from review.audits where id = :id for update").param("id", id).query(AuditRepository::audit).optional();
	}

	public List<Audit> audits(AppId app) {
		return jdbc.sql("select * from review.audits where app_id = :app order by opened_at desc")
			.param("app", app.value())
			.query(AuditRepository::audit)
			.list();
	}

	public List<Audit> openAudits(int limit) {
		return jdbc.sql("select * from review.audits where status = 'OPEN' order by due_at limit :limit")
			.param("limit", limit)
			.query(AuditRepository::audit)
			.list();
	}

	public Optional<Instant> lastOpened(AppId app) {
		return jdbc.sql("select max(opened_at) from review.audits where app_id = :app")
			.param("app", app.value())
			.query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	public void close(UUID id, AuditOutcome outcome, String note, String by, Instant now) {
		jdbc.sql("""
				update review.audits set status = 'CLOSED', outcome = :outcome, outcome_note = :note, closed_by = :by,
				  closed_at = :now where id = :id""")
			.param("outcome", outcome.name())
			.param("note", note)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	public void insertRequest(UUID id, AppId app, UUID audit, String clause, String request, String by, Instant now,
			Instant due) {
		jdbc.sql("""
				insert into review.evidence_requests (id, app_id, audit_id, clause_id, request, requested_by, requested_at,
				  due_at, status)
				values (:id, :app, :audit, :clause, :request, :by, :now, :due, 'OPEN')""")
			.param("id", id)
			.param("app", app.value())
			.param("audit", audit)
			.param("clause", clause)
			.param("request", request)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("due", Timestamp.from(due))
			.update();
	}

	public Optional<EvidenceRequest> request(UUID id) {
		return jdbc.sql("select * from review.evidence_requests where id = :id").param("id", id).query(AuditRepository::request).optional();
	}

	public Optional<EvidenceRequest> lockRequest(UUID id) {
		return jdbc.sql("select * from review.evidence_requests where id = :id for update")
			.param("id", id)
			.query(AuditRepository::request)
			.optional();
	}

	public List<EvidenceRequest> requests(AppId app) {
		return jdbc.sql("select * from review.evidence_requests where app_id = :app order by requested_at desc")
			.param("app", app.value())
			.query(AuditRepository::request)
			.list();
	}

	public List<EvidenceRequest> requestsOfAudit(UUID audit) {
		return jdbc.sql("select * from review.evidence_requests where audit_id = :audit order by requested_at, clause_id")
			.param("audit", audit)
			.query(AuditRepository::request)
			.list();
	}

	public void answer(UUID id, String answer, String by, Instant now) {
		jdbc.sql("""
				update review.evidence_requests set status = 'ANSWERED', answer = :answer, answered_by = :by, answered_at = :now
				where id = :id""")
			.param("answer", answer)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	public void decide(UUID id, boolean accepted, String note, String by, Instant due, Instant now) {
		jdbc.sql("""
				update review.evidence_requests set status = :status, decision_note = :note, decided_by = :by, decided_at = :now,
				  due_at = :due, reminded_at = case when :accepted then reminded_at else null end where id = :id""")
			.param("status", accepted ? "ACCEPTED" : "OPEN")
			.param("note", note)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("due", Timestamp.from(due))
			.param("accepted", accepted)
			.param("id", id)
			.update();
	}

	/** Open requests whose reminder is due and not sent, claimed for this round. */
	public List<EvidenceRequest> claimReminders(Instant remindFrom, Instant now, int limit) {
		return jdbc.sql("""
				update review.evidence_requests set reminded_at = :now
				where id in (select id from review.evidence_requests where status = 'OPEN' and reminded_at is null
				             and due_at <= :from and due_at > :now order by due_at limit :limit for update skip locked)
				returning *""")
			.param("now", Timestamp.from(now))
			.param("from", Timestamp.from(remindFrom))
			.param("limit", limit)
			.query(AuditRepository::request)
			.list();
	}

	/** Open requests past their deadline, marked overdue in this round (each once). */
	public List<EvidenceRequest> claimOverdue(Instant now, int limit) {
		return jdbc.sql("""
				update review.evidence_requests set status = 'OVERDUE'
				where id in (select id from review.evidence_requests where status = 'OPEN' and due_at <= :now
				             order by due_at limit :limit for update skip locked)
				returning *""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(AuditRepository::request)
			.list();
	}

	public void insertFile(UUID id, UUID request, String name, String type, byte[] content, String sha256, String by,
			Instant now) {
		jdbc.sql("""
				insert into review.evidence_files (id, request_id, file_name, content_type, size_bytes, sha256, content,
				  uploaded_by, uploaded_at)
				values (:id, :request, :name, :type, :size, :sha, :content, :by, :now)""")
			.param("id", id)
			.param("request", request)
			.param("name", name)
			.param("type", type)
			.param("size", content.length)
			.param("sha", sha256)
			.param("content", content)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<EvidenceFile> files(UUID request) {
		return jdbc.sql("""
				select id, request_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
				from review.evidence_files where request_id = :request order by uploaded_at, file_name""")
			.param("request", request)
			.query(AuditRepository::file)
			.list();
	}

	public int fileCount(UUID request) {
		return jdbc.sql("select count(*) from review.evidence_files where request_id = :request")
			.param("request", request)
			.query(Integer.class)
			.single();
	}

	public Optional<EvidenceFile> file(UUID id) {
		return jdbc.sql("""
				select id, request_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
				from review.evidence_files where id = :id""")
			.param("id", id)
			.query(AuditRepository::file)
			.optional();
	}

	public Optional<byte[]> content(UUID file) {
		return jdbc.sql("select content from review.evidence_files where id = :id").param("id", file).query(byte[].class).optional();
	}

	static Audit audit(ResultSet rs, int n) throws SQLException {
		String outcome = rs.getString("outcome");
		return new Audit(rs.getObject("id", UUID.class), new AppId(rs.getObject("app_id", UUID.class)),
				ScopeTier.valueOf(rs.getString("tier")), rs.getString("reason"), "OPEN".equals(rs.getString("status")),
				instant(rs, "opened_at"), rs.getString("opened_by"), instant(rs, "due_at"),
				outcome == null ? null : AuditOutcome.valueOf(outcome), rs.getString("outcome_note"), instant(rs, "closed_at"),
				rs.getString("closed_by"));
	}

	static EvidenceRequest request(ResultSet rs, int n) throws SQLException {
		return new EvidenceRequest(rs.getObject("id", UUID.class), new AppId(rs.getObject("app_id", UUID.class)),
				rs.getObject("audit_id", UUID.class), rs.getString("clause_id"), rs.getString("request"),
				rs.getString("requested_by"), instant(rs, "requested_at"), instant(rs, "due_at"), rs.getString("status"),
				rs.getString("answer"), instant(rs, "answered_at"), rs.getString("answered_by"), instant(rs, "decided_at"),
				rs.getString("decided_by"), rs.getString("decision_note"));
	}

	static EvidenceFile file(ResultSet rs, int n) throws SQLException {
		return new EvidenceFile(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class),
				rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("sha256"),
				rs.getString("uploaded_by"), instant(rs, "uploaded_at"));
	}

}
