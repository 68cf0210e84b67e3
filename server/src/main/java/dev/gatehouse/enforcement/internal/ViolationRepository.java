package dev.gatehouse.enforcement.internal;

import dev.gatehouse.enforcement.EnforcementAction;
import dev.gatehouse.enforcement.Notice;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.enforcement.ViolationStatus;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.Severity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Violations, the actions taken on them and the notices sent. */
@Repository
public class ViolationRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	ViolationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Violation v) {
		jdbc.sql("""
				insert into enforcement.violations (id, clause_id, subject_type, subject_id, organization_id, source, summary,
				  evidence_links, finding_ids, severity, self_reported, audit_found, status, proposed_action, proposal_basis,
				  opened_by, opened_at)
				values (:id, :clause, :type, :subject, :org, :source, :summary, :links, :findings, :severity, :self, :audit,
				  :status, :proposed, :basis, :by, :at)""")
			.param("id", v.id())
			.param("clause", v.clauseId())
			.param("type", v.subjectType())
			.param("subject", v.subjectId())
			.param("org", v.organizationId())
			.param("source", v.source())
			.param("summary", v.summary())
			.param("links", v.evidenceLinks().toArray(String[]::new))
			.param("findings", v.findingIds().toArray(UUID[]::new))
			.param("severity", v.severity().name())
			.param("self", v.selfReported())
			.param("audit", v.auditFound())
			.param("status", v.status().name())
			.param("proposed", v.proposedAction().value())
			.param("basis", v.proposalBasis())
			.param("by", v.openedBy())
			.param("at", Timestamp.from(v.openedAt()))
			.update();
	}

	public Optional<Violation> find(UUID id) {
		return jdbc.sql("select * from enforcement.violations where id = :id").param("id", id).query(ViolationRepository::map).optional();
	}

	public Optional<Violation> lock(UUID id) {
		return jdbc.sql("select * from enforcement.violations where id = :id for update")
			.param("id", id)
			.query(ViolationRepository::map)
			.optional();
	}

	public Optional<Violation> ofFinding(UUID findingId) {
		return jdbc.sql("select * from enforcement.violations where :finding = any(finding_ids) limit 1")
			.param("finding", findingId)
			.query(ViolationRepository::map)
			.optional();
	}

	public List<Violation> find(ViolationStatus status, int limit, int offset) {
		return jdbc.sql("""
				select * from enforcement.violations where (:status = '' or status = :status)
				order by opened_at desc, id limit :limit offset :offset""")
			.param("status", status == null ? "" : status.name())
			.param("limit", Math.clamp(limit, 1, 500))
			.param("offset", Math.max(offset, 0))
			.query(ViolationRepository::map)
			.list();
	}

	public List<Violation> ofOrganizations(Collection<UUID> organizations) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select * from enforcement.violations where organization_id in (:orgs) and status <> 'PROPOSED'
				order by opened_at desc limit 500""")
			.param("orgs", organizations)
			.query(ViolationRepository::map)
			.list();
	}

	public List<Violation> ofSubject(String subjectType, String subjectId) {
		return jdbc.sql("""
				select * from enforcement.violations where subject_type = :type and subject_id = :subject
				order by opened_at desc, id limit 500""")
			.param("type", subjectType)
			.param("subject", subjectId)
			.query(ViolationRepository::map)
			.list();
	}

	/** Offences of the subject since {@code since} that an action was taken on (dismissed ones do not count). */
	public int priorOffences(String subjectType, String subjectId, Instant since, UUID except) {
		return jdbc.sql("""
				select count(*) from enforcement.violations
				where subject_type = :type and subject_id = :subject and opened_at >= :since and id <> :except
				  and status in ('ACTIONED', 'REINSTATED')""")
			.param("type", subjectType)
			.param("subject", subjectId)
			.param("since", Timestamp.from(since))
			.param("except", except)
			.query(Integer.class)
			.single();
	}

	public void setStatus(UUID id, ViolationStatus status, Instant closedAt, String reason) {
		jdbc.sql("""
				update enforcement.violations set status = :status, closed_at = :closed, closed_reason = :reason
				where id = :id""")
			.param("status", status.name())
			.param("closed", closedAt == null ? null : Timestamp.from(closedAt))
			.param("reason", reason)
			.param("id", id)
			.update();
	}

	public void insertAction(EnforcementAction a) {
		jdbc.sql("""
				insert into enforcement.actions (id, violation_id, action, proposed_action, reason, notice_given,
				  remediation_due, scopes, affected, taken_by, taken_at)
				values (:id, :violation, :action, :proposed, :reason, :notice, :due, :scopes, :affected::jsonb, :by, :at)""")
			.param("id", a.id())
			.param("violation", a.violationId())
			.param("action", a.action().value())
			.param("proposed", a.proposedAction().value())
			.param("reason", a.reason())
			.param("notice", a.noticeGiven())
			.param("due", a.remediationDue() == null ? null : Timestamp.from(a.remediationDue()))
			.param("scopes", a.scopes().toArray(String[]::new))
			.param("affected", JSON.writeValueAsString(a.affected()))
			.param("by", a.takenBy())
			.param("at", Timestamp.from(a.takenAt()))
			.update();
	}

	public List<EnforcementAction> actions(UUID violationId) {
		return jdbc.sql("select * from enforcement.actions where violation_id = :id order by taken_at, id")
			.param("id", violationId)
			.query(ViolationRepository::mapAction)
			.list();
	}

	public void liftAction(UUID actionId, String by, String reason, Instant at) {
		jdbc.sql("""
				update enforcement.actions set lifted_at = :at, lifted_by = :by, lifted_reason = :reason
				where id = :id and lifted_at is null""")
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("reason", reason)
			.param("id", actionId)
			.update();
	}

	public void insertNotice(Notice n) {
		jdbc.sql("""
				insert into enforcement.notices (id, violation_id, audience, user_id, email, subject, body, sent_at)
				values (:id, :violation, :audience, :user, :email, :subject, :body, :at)""")
			.param("id", n.id())
			.param("violation", n.violationId())
			.param("audience", n.audience())
			.param("user", n.userId())
			.param("email", n.email())
			.param("subject", n.subject())
			.param("body", n.body())
			.param("at", Timestamp.from(n.sentAt()))
			.update();
	}

	public List<Notice> notices(UUID violationId) {
		return jdbc.sql("select * from enforcement.notices where violation_id = :id order by sent_at, audience, email")
			.param("id", violationId)
			.query((rs, row) -> new Notice(rs.getObject("id", UUID.class), rs.getObject("violation_id", UUID.class),
					rs.getString("audience"), rs.getObject("user_id", UUID.class), rs.getString("email"),
					rs.getString("subject"), rs.getString("body"), rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

	private static Violation map(ResultSet rs, int row) throws SQLException {
		return new Violation(rs.getObject("id", UUID.class), rs.getString("clause_id"), rs.getString("subject_type"),
				rs.getString("subject_id"), rs.getObject("organization_id", UUID.class), rs.getString("source"),
				rs.getString("summary"), strings(rs.getArray("evidence_links")), uuids(rs.getArray("finding_ids")),
				Severity.valueOf(rs.getString("severity")), rs.getBoolean("self_reported"), rs.getBoolean("audit_found"),
				ViolationStatus.valueOf(rs.getString("status")), action(rs.getString("proposed_action")),
				rs.getString("proposal_basis"), rs.getString("opened_by"), rs.getTimestamp("opened_at").toInstant(),
				instant(rs.getTimestamp("closed_at")), rs.getString("closed_reason"));
	}

	private static EnforcementAction mapAction(ResultSet rs, int row) throws SQLException {
		return new EnforcementAction(rs.getObject("id", UUID.class), rs.getObject("violation_id", UUID.class),
				action(rs.getString("action")), action(rs.getString("proposed_action")), rs.getString("reason"),
				rs.getBoolean("notice_given"), instant(rs.getTimestamp("remediation_due")), strings(rs.getArray("scopes")),
				JSON.readValue(rs.getString("affected"), new TypeReference<Map<String, String>>() {
				}), rs.getString("taken_by"), rs.getTimestamp("taken_at").toInstant(),
				instant(rs.getTimestamp("lifted_at")), rs.getString("lifted_by"), rs.getString("lifted_reason"));
	}

	static PenaltyAction action(String value) {
		return PenaltyAction.of(value).orElseThrow(() -> new IllegalStateException("unknown action " + value));
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return array == null ? List.of()
				: Arrays.stream((Object[]) array.getArray()).map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
	}

}
