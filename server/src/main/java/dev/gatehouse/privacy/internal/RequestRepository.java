package dev.gatehouse.privacy.internal;

import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.PrivacyRequestId;
import dev.gatehouse.privacy.Recipient;
import dev.gatehouse.privacy.RecipientStatus;
import dev.gatehouse.privacy.RequestEvent;
import dev.gatehouse.privacy.RequestKind;
import dev.gatehouse.privacy.RequestStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code privacy.requests}, {@code privacy.recipients} and the append-only {@code privacy.request_events}. */
@Repository
public class RequestRepository {

	private static final String RECIPIENT_COLUMNS = """
			id, request_id, app_id, installation_id, reason, delivery_id, status, notified_at, due_at, acknowledged_at,
			completed_at, reported_at, declined_at, outcome, decline_reason, review_decision, review_note, reviewed_by,
			reviewed_at, last_reminder_at""";

	private final JdbcClient jdbc;

	RequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(PrivacyRequest request) {
		jdbc.sql("""
				insert into privacy.requests (id, customer_account_id, kind, subject_ids, changed_fields, filed_by_user_id,
				    filed_by_email, filed_by_operator, filed_at, due_at, status)
				values (:id, :account, :kind, :subjects, :fields, :user, :email, :operator, :filedAt, :dueAt, :status)""")
			.param("id", request.id().value())
			.param("account", request.accountId().value())
			.param("kind", request.kind().name())
			.param("subjects", request.subjectIds().toArray(String[]::new))
			.param("fields", request.changedFields().toArray(String[]::new))
			.param("user", request.filedByUserId())
			.param("email", request.filedByEmail())
			.param("operator", request.filedByOperator())
			.param("filedAt", Timestamp.from(request.filedAt()))
			.param("dueAt", Timestamp.from(request.dueAt()))
			.param("status", request.status().name())
			.update();
	}

	public void insertRecipient(UUID id, PrivacyRequestId request, UUID appId, UUID installationId, String reason,
			String deliveryId, Instant notifiedAt, Instant dueAt) {
		jdbc.sql("""
				insert into privacy.recipients (id, request_id, app_id, installation_id, reason, delivery_id, status,
				    notified_at, due_at)
				values (:id, :request, :app, :installation, :reason, :delivery, 'NOTIFIED', :notifiedAt, :dueAt)""")
			.param("id", id)
			.param("request", request.value())
			.param("app", appId)
			.param("installation", installationId)
			.param("reason", reason)
			.param("delivery", deliveryId)
			.param("notifiedAt", Timestamp.from(notifiedAt))
			.param("dueAt", Timestamp.from(dueAt))
			.update();
	}

	public void appendEvent(PrivacyRequestId request, UUID recipientId, Instant at, String type, String actor,
			String detail) {
		jdbc.sql("""
				insert into privacy.request_events (request_id, recipient_id, occurred_at, type, actor, detail)
				values (:request, :recipient, :at, :type, :actor, :detail)""")
			.param("request", request.value())
			.param("recipient", recipientId)
			.param("at", Timestamp.from(at))
			.param("type", type)
			.param("actor", actor)
			.param("detail", detail)
			.update();
	}

	public Optional<PrivacyRequest> find(PrivacyRequestId id) {
		return jdbc.sql("select * from privacy.requests where id = :id")
			.param("id", id.value())
			.query(RequestRepository::request)
			.optional();
	}

	/** Locks the request so that concurrent answers recompute its status one at a time. */
	public Optional<PrivacyRequest> findForUpdate(PrivacyRequestId id) {
		return jdbc.sql("select * from privacy.requests where id = :id for update")
			.param("id", id.value())
			.query(RequestRepository::request)
			.optional();
	}

	public List<PrivacyRequest> ofAccount(CustomerAccountId account, int limit) {
		return jdbc.sql("select * from privacy.requests where customer_account_id = :account order by filed_at desc limit :limit")
			.param("account", account.value())
			.param("limit", limit)
			.query(RequestRepository::request)
			.list();
	}

	public List<PrivacyRequest> latest(RequestStatus status, int limit) {
		return jdbc.sql("""
				select * from privacy.requests where (cast(:status as text) is null or status = :status)
				order by filed_at desc limit :limit""")
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query(RequestRepository::request)
			.list();
	}

	public void updateStatus(PrivacyRequestId id, RequestStatus status, Instant closedAt) {
		jdbc.sql("update privacy.requests set status = :status, closed_at = :closedAt where id = :id")
			.param("id", id.value())
			.param("status", status.name())
			.param("closedAt", closedAt == null ? null : Timestamp.from(closedAt))
			.update();
	}

	public List<Recipient> recipients(PrivacyRequestId request) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " from privacy.recipients where request_id = :request order by notified_at, id")
			.param("request", request.value())
			.query(RequestRepository::recipient)
			.list();
	}

	public Optional<Recipient> recipientForUpdate(PrivacyRequestId request, UUID appId) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " from privacy.recipients where request_id = :request and app_id = :app for update")
			.param("request", request.value())
			.param("app", appId)
			.query(RequestRepository::recipient)
			.optional();
	}

	public Optional<Recipient> recipientForUpdate(UUID recipientId) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " from privacy.recipients where id = :id for update")
			.param("id", recipientId)
			.query(RequestRepository::recipient)
			.optional();
	}

	/** The app's recipient rows, newest first; {@code awaiting} keeps those that still owe an answer. */
	public List<Recipient> ofApp(UUID appId, boolean awaiting, int limit) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " " + """
				 from privacy.recipients where app_id = :app
				   and (not :awaiting or status in ('NOTIFIED', 'ACKNOWLEDGED', 'OVERDUE'))
				 order by notified_at desc limit :limit""")
			.param("app", appId)
			.param("awaiting", awaiting)
			.param("limit", limit)
			.query(RequestRepository::recipient)
			.list();
	}

	public List<Recipient> declinesAwaitingReview(int limit) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " " + """
				 from privacy.recipients where status = 'DECLINED' and review_decision is null
				 order by declined_at limit :limit""")
			.param("limit", limit)
			.query(RequestRepository::recipient)
			.list();
	}

	public void acknowledge(UUID id, Instant at) {
		jdbc.sql("update privacy.recipients set status = 'ACKNOWLEDGED', acknowledged_at = :at where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void stampAcknowledged(UUID id, Instant at) {
		jdbc.sql("update privacy.recipients set acknowledged_at = :at where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void complete(UUID id, String outcome, Instant completedAt, Instant reportedAt) {
		jdbc.sql("""
				update privacy.recipients set status = 'COMPLETED', outcome = :outcome, completed_at = :completedAt,
				    reported_at = :reportedAt, acknowledged_at = coalesce(acknowledged_at, :reportedAt)
				where id = :id""")
			.param("id", id)
			.param("outcome", outcome)
			.param("completedAt", Timestamp.from(completedAt))
			.param("reportedAt", Timestamp.from(reportedAt))
			.update();
	}

	public void decline(UUID id, String reason, Instant at) {
		jdbc.sql("""
				update privacy.recipients set status = 'DECLINED', decline_reason = :reason, declined_at = :at,
				    review_decision = null, review_note = null, reviewed_by = null, reviewed_at = null
				where id = :id""")
			.param("id", id)
			.param("reason", reason)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** An operator's verdict; a rejected decline sends the recipient back to owing an answer. */
	public void review(UUID id, boolean accepted, String note, String operator, Instant at) {
		jdbc.sql("""
				update privacy.recipients set review_decision = :decision, review_note = :note, reviewed_by = :operator,
				    reviewed_at = :at, status = case when :accepted then status else 'NOTIFIED' end
				where id = :id""")
			.param("id", id)
			.param("decision", accepted ? "ACCEPTED" : "REJECTED")
			.param("accepted", accepted)
			.param("note", note)
			.param("operator", operator)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * Recipients whose reminder is due and not yet sent, locked for this node (SKIP LOCKED: another
	 * node's round takes the others). Call in a transaction.
	 */
	public List<Recipient> claimReminders(Instant remindFrom, Instant now, int limit) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " " + """
				 from privacy.recipients
				 where status in ('NOTIFIED', 'ACKNOWLEDGED') and last_reminder_at is null
				   and due_at <= :remindFrom and due_at > :now
				 order by due_at limit :limit for update skip locked""")
			.param("remindFrom", Timestamp.from(remindFrom))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(RequestRepository::recipient)
			.list();
	}

	public void markReminded(UUID id, Instant at) {
		jdbc.sql("update privacy.recipients set last_reminder_at = :at where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Recipients past their deadline without an answer, locked for this node. Call in a transaction. */
	public List<Recipient> claimOverdue(Instant now, int limit) {
		return jdbc.sql("select " + RECIPIENT_COLUMNS + " " + """
				 from privacy.recipients
				 where status in ('NOTIFIED', 'ACKNOWLEDGED') and due_at <= :now
				 order by due_at limit :limit for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(RequestRepository::recipient)
			.list();
	}

	public void markOverdue(UUID id) {
		jdbc.sql("update privacy.recipients set status = 'OVERDUE' where id = :id").param("id", id).update();
	}

	public List<RequestEvent> events(PrivacyRequestId request) {
		return jdbc.sql("""
				select id, occurred_at, type, recipient_id, actor, detail from privacy.request_events
				where request_id = :request order by id""")
			.param("request", request.value())
			.query((rs, n) -> new RequestEvent(rs.getLong("id"), instant(rs, "occurred_at"), rs.getString("type"),
					rs.getObject("recipient_id", UUID.class), rs.getString("actor"), rs.getString("detail")))
			.list();
	}

	private static PrivacyRequest request(ResultSet rs, int n) throws SQLException {
		return new PrivacyRequest(new PrivacyRequestId(rs.getObject("id", UUID.class)),
				new CustomerAccountId(rs.getObject("customer_account_id", UUID.class)), RequestKind.valueOf(rs.getString("kind")),
				strings(rs, "subject_ids"), strings(rs, "changed_fields"), rs.getObject("filed_by_user_id", UUID.class),
				rs.getString("filed_by_email"), rs.getBoolean("filed_by_operator"), instant(rs, "filed_at"),
				instant(rs, "due_at"), RequestStatus.valueOf(rs.getString("status")), instant(rs, "closed_at"));
	}

	private static Recipient recipient(ResultSet rs, int n) throws SQLException {
		return new Recipient(rs.getObject("id", UUID.class), new PrivacyRequestId(rs.getObject("request_id", UUID.class)),
				rs.getObject("app_id", UUID.class), null, rs.getObject("installation_id", UUID.class), rs.getString("reason"),
				rs.getString("delivery_id"), RecipientStatus.valueOf(rs.getString("status")), instant(rs, "notified_at"),
				instant(rs, "due_at"), instant(rs, "acknowledged_at"), instant(rs, "completed_at"),
				instant(rs, "reported_at"), instant(rs, "declined_at"), rs.getString("outcome"),
				rs.getString("decline_reason"), rs.getString("review_decision"), rs.getString("review_note"),
				rs.getString("reviewed_by"), instant(rs, "reviewed_at"), instant(rs, "last_reminder_at"));
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		var array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

}
