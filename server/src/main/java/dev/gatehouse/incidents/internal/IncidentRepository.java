package dev.gatehouse.incidents.internal;

import dev.gatehouse.incidents.BlastRadius.AffectedSubject;
import dev.gatehouse.incidents.BlastRadius.Snapshot;
import dev.gatehouse.incidents.Campaign;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentId;
import dev.gatehouse.incidents.IncidentStatus;
import dev.gatehouse.incidents.Notice;
import dev.gatehouse.incidents.TimelineEntry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The incidents schema: incidents and their apps, snapshots, campaigns, notices and the append-only timeline. */
@Repository
public class IncidentRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonMapper json = JsonMapper.builder().build();

	IncidentRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** INC-2026-0007: the year of awareness and a number that only grows. */
	public String nextReference(Instant at) {
		long n = jdbc.sql("select nextval('incidents.reference_seq')").query(Long.class).single();
		return "INC-%d-%04d".formatted(at.atZone(ZoneOffset.UTC).getYear(), n);
	}

	public void insert(Incident i) {
		jdbc.sql("""
				insert into incidents.incidents (id, reference, title, status, self_reported, platform_aware_at, reported_by,
				    reported_by_user_id, organization_id, source_finding, discovered_at, window_from, window_to,
				    data_categories, description, containment, contact, updated_at)
				values (:id, :reference, :title, :status, :self, :aware, :by, :byUser, :org, :finding, :discovered, :from, :to,
				    :categories, :description, :containment, :contact, :updated)""")
			.param("id", i.id().value())
			.param("reference", i.reference())
			.param("title", i.title())
			.param("status", i.status().name())
			.param("self", i.selfReported())
			.param("aware", ts(i.platformAwareAt()))
			.param("by", i.reportedBy())
			.param("byUser", i.reportedByUserId())
			.param("org", i.organizationId())
			.param("finding", i.sourceFinding())
			.param("discovered", ts(i.discoveredAt()))
			.param("from", ts(i.windowFrom()))
			.param("to", ts(i.windowTo()))
			.param("categories", i.dataCategories().toArray(String[]::new))
			.param("description", i.description())
			.param("containment", i.containment())
			.param("contact", i.contact())
			.param("updated", ts(i.updatedAt()))
			.update();
		for (UUID app : i.appIds()) {
			jdbc.sql("insert into incidents.incident_apps (incident_id, app_id) values (:id, :app)")
				.param("id", i.id().value())
				.param("app", app)
				.update();
		}
	}

	/** The fields an operator may amend; the intake facts are not among them (and the trigger guards them). */
	public void amend(IncidentId id, String title, Instant discoveredAt, Instant from, Instant to, List<String> categories,
			String description, String containment, String contact, Instant now) {
		jdbc.sql("""
				update incidents.incidents set title = :title, discovered_at = :discovered, window_from = :from,
				    window_to = :to, data_categories = :categories, description = :description, containment = :containment,
				    contact = :contact, updated_at = :now
				where id = :id""")
			.param("id", id.value())
			.param("title", title)
			.param("discovered", ts(discoveredAt))
			.param("from", ts(from))
			.param("to", ts(to))
			.param("categories", categories.toArray(String[]::new))
			.param("description", description)
			.param("containment", containment)
			.param("contact", contact)
			.param("now", ts(now))
			.update();
	}

	public void authorityNotified(IncidentId id, Instant at, String reference, Instant now) {
		jdbc.sql("""
				update incidents.incidents set authority_notified_at = :at, authority_reference = :reference, updated_at = :now
				where id = :id""")
			.param("id", id.value())
			.param("at", ts(at))
			.param("reference", reference)
			.param("now", ts(now))
			.update();
	}

	public void customersNotified(IncidentId id, Instant at, Instant now) {
		jdbc.sql("update incidents.incidents set customers_notified_at = :at, updated_at = :now where id = :id")
			.param("id", id.value())
			.param("at", at == null ? null : ts(at))
			.param("now", ts(now))
			.update();
	}

	public void close(IncidentId id, String note, Instant now) {
		jdbc.sql("""
				update incidents.incidents set status = 'CLOSED', closed_at = :now, closure_note = :note, updated_at = :now
				where id = :id""")
			.param("id", id.value())
			.param("note", note)
			.param("now", ts(now))
			.update();
	}

	public Optional<Incident> find(IncidentId id) {
		return jdbc.sql("select * from incidents.incidents where id = :id").param("id", id.value()).query(this::incident).optional();
	}

	public Optional<Incident> findForUpdate(IncidentId id) {
		return jdbc.sql("select * from incidents.incidents where id = :id for update")
			.param("id", id.value())
			.query(this::incident)
			.optional();
	}

	/** Newest awareness first; {@code status} {@code null} for all. */
	public List<Incident> latest(IncidentStatus status, int limit) {
		return jdbc.sql("""
				select * from incidents.incidents where (cast(:status as text) is null or status = :status)
				order by platform_aware_at desc limit :limit""")
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	/** Incidents naming any of the apps, newest first. */
	public List<Incident> ofApps(Collection<UUID> apps, int limit) {
		if (apps.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select * from incidents.incidents i
				where exists (select 1 from incidents.incident_apps a where a.incident_id = i.id and a.app_id = any(:apps))
				order by platform_aware_at desc limit :limit""")
			.param("apps", apps.toArray(UUID[]::new))
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	/** Incidents the account was sent a notice about, newest first. */
	public List<Incident> notifiedTo(UUID account, int limit) {
		return jdbc.sql("""
				select * from incidents.incidents i
				where exists (select 1 from incidents.notices n where n.incident_id = i.id and n.customer_account_id = :account)
				order by platform_aware_at desc limit :limit""")
			.param("account", account)
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	/** Open incidents whose clock ran out and was not reported yet, locked for this node. */
	public List<Incident> claimAuthorityOverdue(Instant dueBefore, int limit) {
		return jdbc.sql("""
				select * from incidents.incidents
				where status = 'OPEN' and authority_notified_at is null and authority_overdue_at is null
				  and platform_aware_at < :dueBefore
				order by platform_aware_at limit :limit for update skip locked""")
			.param("dueBefore", ts(dueBefore))
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	public List<Incident> claimCustomersOverdue(Instant dueBefore, int limit) {
		return jdbc.sql("""
				select * from incidents.incidents i
				where status = 'OPEN' and customers_notified_at is null and customers_overdue_at is null
				  and platform_aware_at < :dueBefore
				  and exists (select 1 from incidents.snapshots s where s.incident_id = i.id and s.current and s.accounts > 0)
				order by platform_aware_at limit :limit for update skip locked""")
			.param("dueBefore", ts(dueBefore))
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	public void markOverdue(IncidentId id, String clock, Instant now) {
		String column = switch (clock) {
			case "authority" -> "authority_overdue_at";
			case "customers" -> "customers_overdue_at";
			default -> throw new IllegalArgumentException(clock);
		};
		jdbc.sql("update incidents.incidents set " + column + " = :now where id = :id")
			.param("id", id.value())
			.param("now", ts(now))
			.update();
	}

	// --- snapshots ------------------------------------------------------------------------------

	public void insertSnapshot(Snapshot s) {
		jdbc.sql("update incidents.snapshots set current = false where incident_id = :id and current")
			.param("id", s.incidentId().value())
			.update();
		jdbc.sql("""
				insert into incidents.snapshots (id, incident_id, computed_at, computed_by, window_from, window_to, current,
				    accounts, subjects, touches, millis)
				values (:id, :incident, :at, :by, :from, :to, true, :accounts, :subjects, :touches, :millis)""")
			.param("id", s.id())
			.param("incident", s.incidentId().value())
			.param("at", ts(s.computedAt()))
			.param("by", s.computedBy())
			.param("from", ts(s.windowFrom()))
			.param("to", ts(s.windowTo()))
			.param("accounts", s.accounts())
			.param("subjects", s.subjects())
			.param("touches", s.touches())
			.param("millis", s.millis())
			.update();
	}

	public void insertSnapshotAccount(UUID snapshot, UUID account, long subjects, long touches, Map<String, Long> perCategory) {
		jdbc.sql("""
				insert into incidents.snapshot_accounts (snapshot_id, customer_account_id, subjects, touches, subjects_per_category)
				values (:snapshot, :account, :subjects, :touches, cast(:categories as jsonb))""")
			.param("snapshot", snapshot)
			.param("account", account)
			.param("subjects", subjects)
			.param("touches", touches)
			.param("categories", json.writeValueAsString(perCategory))
			.update();
	}

	public void insertSnapshotSubjects(UUID snapshot, List<AffectedSubject> subjects) {
		template.batchUpdate("""
				insert into incidents.snapshot_subjects (snapshot_id, customer_account_id, subject_id, touches, data_categories, app_ids)
				values (?, ?, ?, ?, ?, ?)""", subjects, 1000, (ps, s) -> {
			ps.setObject(1, snapshot);
			ps.setObject(2, s.accountId());
			ps.setString(3, s.subjectId());
			ps.setLong(4, s.touches());
			ps.setArray(5, ps.getConnection().createArrayOf("text", s.dataCategories().toArray()));
			ps.setArray(6, ps.getConnection().createArrayOf("uuid", s.appIds().toArray()));
		});
	}

	public void finishSnapshot(UUID snapshot, long millis) {
		jdbc.sql("update incidents.snapshots set millis = :millis where id = :id").param("id", snapshot).param("millis", millis).update();
	}

	public List<Snapshot> snapshots(IncidentId id) {
		return jdbc.sql("select * from incidents.snapshots where incident_id = :id order by computed_at, id")
			.param("id", id.value())
			.query(IncidentRepository::snapshot)
			.list();
	}

	public Optional<Snapshot> currentSnapshot(IncidentId id) {
		return jdbc.sql("select * from incidents.snapshots where incident_id = :id and current")
			.param("id", id.value())
			.query(IncidentRepository::snapshot)
			.optional();
	}

	/** The accounts of a snapshot, most subjects first. */
	public List<AccountRow> snapshotAccounts(UUID snapshot) {
		return jdbc.sql("""
				select customer_account_id, subjects, touches, subjects_per_category::text as categories
				from incidents.snapshot_accounts where snapshot_id = :id order by subjects desc, customer_account_id""")
			.param("id", snapshot)
			.query((rs, n) -> new AccountRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
					categories(rs.getString(4))))
			.list();
	}

	public record AccountRow(UUID accountId, long subjects, long touches, Map<String, Long> subjectsPerCategory) {
	}

	public List<AffectedSubject> snapshotSubjects(UUID snapshot, UUID account, int limit) {
		return jdbc.sql("""
				select * from incidents.snapshot_subjects
				where snapshot_id = :id and (cast(:account as uuid) is null or customer_account_id = :account)
				order by customer_account_id, subject_id limit :limit""")
			.param("id", snapshot)
			.param("account", account)
			.param("limit", limit)
			.query((rs, n) -> new AffectedSubject(rs.getObject("customer_account_id", UUID.class), rs.getString("subject_id"),
					rs.getLong("touches"), strings(rs.getArray("data_categories")), uuids(rs.getArray("app_ids"))))
			.list();
	}

	// --- campaigns and notices ----------------------------------------------------------------

	public void insertCampaign(Campaign c) {
		jdbc.sql("""
				insert into incidents.campaigns (id, incident_id, subject, body, status, created_at, created_by, updated_at)
				values (:id, :incident, :subject, :body, 'DRAFT', :at, :by, :at)""")
			.param("id", c.id())
			.param("incident", c.incidentId().value())
			.param("subject", c.subject())
			.param("body", c.body())
			.param("at", ts(c.createdAt()))
			.param("by", c.createdBy())
			.update();
	}

	public void editCampaign(UUID id, String subject, String body, Instant now) {
		jdbc.sql("update incidents.campaigns set subject = :subject, body = :body, updated_at = :now where id = :id and status = 'DRAFT'")
			.param("id", id)
			.param("subject", subject)
			.param("body", body)
			.param("now", ts(now))
			.update();
	}

	public void campaignSent(UUID id, UUID snapshot, String actor, Instant now) {
		jdbc.sql("""
				update incidents.campaigns set status = 'SENT', sent_at = :now, sent_by = :by, snapshot_id = :snapshot, updated_at = :now
				where id = :id""")
			.param("id", id)
			.param("snapshot", snapshot)
			.param("by", actor)
			.param("now", ts(now))
			.update();
	}

	public Optional<Campaign> draft(IncidentId id) {
		return jdbc.sql("select * from incidents.campaigns where incident_id = :id and status = 'DRAFT'")
			.param("id", id.value())
			.query(IncidentRepository::campaign)
			.optional();
	}

	public List<Campaign> campaigns(IncidentId id) {
		return jdbc.sql("select * from incidents.campaigns where incident_id = :id order by created_at, id")
			.param("id", id.value())
			.query(IncidentRepository::campaign)
			.list();
	}

	public void insertNotice(Notice n) {
		jdbc.sql("""
				insert into incidents.notices (id, campaign_id, incident_id, customer_account_id, user_id, email, subject, body,
				    message_id, status, queued_at)
				values (:id, :campaign, :incident, :account, :user, :email, :subject, :body, :message, 'QUEUED', :at)""")
			.param("id", n.id())
			.param("campaign", n.campaignId())
			.param("incident", n.incidentId().value())
			.param("account", n.accountId())
			.param("user", n.userId())
			.param("email", n.email())
			.param("subject", n.subject())
			.param("body", n.body())
			.param("message", n.messageId())
			.param("at", ts(n.queuedAt()))
			.update();
	}

	public List<Notice> notices(IncidentId id) {
		return jdbc.sql("select * from incidents.notices where incident_id = :id order by queued_at, customer_account_id, email")
			.param("id", id.value())
			.query(IncidentRepository::notice)
			.list();
	}

	public List<Notice> noticesOfAccount(IncidentId id, UUID account) {
		return jdbc.sql("""
				select * from incidents.notices where incident_id = :id and customer_account_id = :account
				order by queued_at, email""")
			.param("id", id.value())
			.param("account", account)
			.query(IncidentRepository::notice)
			.list();
	}

	/** Accounts of the incident that were sent a notice already. */
	public List<UUID> notifiedAccounts(IncidentId id) {
		return jdbc.sql("select distinct customer_account_id from incidents.notices where incident_id = :id")
			.param("id", id.value())
			.query(UUID.class)
			.list();
	}

	/** Queued notices whose mail may have moved on, oldest first, locked for this node. */
	public List<Notice> claimQueued(int limit) {
		return jdbc.sql("""
				select * from incidents.notices where status = 'QUEUED' order by queued_at limit :limit for update skip locked""")
			.param("limit", limit)
			.query(IncidentRepository::notice)
			.list();
	}

	public Optional<Notice> noticeForUpdate(UUID id) {
		return jdbc.sql("select * from incidents.notices where id = :id for update")
			.param("id", id)
			.query(IncidentRepository::notice)
			.optional();
	}

	public void noticeSent(UUID id, Instant at) {
		jdbc.sql("update incidents.notices set status = 'SENT', sent_at = :at, last_error = null where id = :id and status = 'QUEUED'")
			.param("id", id)
			.param("at", ts(at))
			.update();
	}

	public void noticeFailed(UUID id, Instant at, String error) {
		jdbc.sql("update incidents.notices set status = 'FAILED', failed_at = :at, last_error = :error where id = :id and status = 'QUEUED'")
			.param("id", id)
			.param("at", ts(at))
			.param("error", error)
			.update();
	}

	public void noticeWaiting(UUID id, String error) {
		jdbc.sql("update incidents.notices set last_error = :error where id = :id")
			.param("id", id)
			.param("error", error)
			.update();
	}

	public void noticeRead(UUID id, Instant at) {
		jdbc.sql("update incidents.notices set status = 'READ', read_at = :at where id = :id and read_at is null")
			.param("id", id)
			.param("at", ts(at))
			.update();
	}

	// --- timeline ---------------------------------------------------------------------------------

	public void note(IncidentId id, Instant at, String type, String actor, String detail) {
		jdbc.sql("""
				insert into incidents.timeline (incident_id, occurred_at, type, actor, detail)
				values (:id, :at, :type, :actor, :detail)""")
			.param("id", id.value())
			.param("at", ts(at))
			.param("type", type)
			.param("actor", actor)
			.param("detail", detail)
			.update();
	}

	public List<TimelineEntry> timeline(IncidentId id) {
		return jdbc.sql("select * from incidents.timeline where incident_id = :id order by id")
			.param("id", id.value())
			.query((rs, n) -> new TimelineEntry(rs.getLong("id"), instant(rs, "occurred_at"), rs.getString("type"),
					rs.getString("actor"), rs.getString("detail")))
			.list();
	}

	// --- mapping ----------------------------------------------------------------------------------

	private Incident incident(ResultSet rs, int row) throws SQLException {
		IncidentId id = new IncidentId(rs.getObject("id", UUID.class));
		List<UUID> apps = jdbc.sql("select app_id from incidents.incident_apps where incident_id = :id order by app_id")
			.param("id", id.value())
			.query(UUID.class)
			.list();
		return new Incident(id, rs.getString("reference"), rs.getString("title"),
				IncidentStatus.valueOf(rs.getString("status")), rs.getBoolean("self_reported"),
				instant(rs, "platform_aware_at"), rs.getString("reported_by"), rs.getObject("reported_by_user_id", UUID.class),
				rs.getObject("organization_id", UUID.class), rs.getString("source_finding"), instant(rs, "discovered_at"),
				instant(rs, "window_from"), instant(rs, "window_to"), strings(rs.getArray("data_categories")),
				rs.getString("description"), rs.getString("containment"), rs.getString("contact"), apps,
				instant(rs, "authority_notified_at"), rs.getString("authority_reference"),
				instant(rs, "customers_notified_at"), instant(rs, "authority_overdue_at"),
				instant(rs, "customers_overdue_at"), instant(rs, "closed_at"), rs.getString("closure_note"),
				instant(rs, "updated_at"));
	}

	private static Snapshot snapshot(ResultSet rs, int row) throws SQLException {
		return new Snapshot(rs.getObject("id", UUID.class), new IncidentId(rs.getObject("incident_id", UUID.class)),
				instant(rs, "computed_at"), rs.getString("computed_by"), instant(rs, "window_from"),
				instant(rs, "window_to"), rs.getBoolean("current"), rs.getInt("accounts"), rs.getLong("subjects"),
				rs.getLong("touches"), rs.getLong("millis"));
	}

	private static Campaign campaign(ResultSet rs, int row) throws SQLException {
		return new Campaign(rs.getObject("id", UUID.class), new IncidentId(rs.getObject("incident_id", UUID.class)),
				rs.getString("subject"), rs.getString("body"), Campaign.Status.valueOf(rs.getString("status")),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), instant(rs, "sent_at"),
				rs.getString("sent_by"));
	}

	private static Notice notice(ResultSet rs, int row) throws SQLException {
		return new Notice(rs.getObject("id", UUID.class), rs.getObject("campaign_id", UUID.class),
				new IncidentId(rs.getObject("incident_id", UUID.class)), rs.getObject("customer_account_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("subject"), rs.getString("body"),
				rs.getObject("message_id", UUID.class), Notice.Status.valueOf(rs.getString("status")),
				instant(rs, "queued_at"), instant(rs, "sent_at"), instant(rs, "failed_at"), rs.getString("last_error"),
				instant(rs, "read_at"));
	}

	private Map<String, Long> categories(String text) {
		Map<String, Long> result = new java.util.TreeMap<>();
		json.readTree(text).properties().forEach(e -> result.put(e.getKey(), e.getValue().asLong()));
		return result;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
	}

}
