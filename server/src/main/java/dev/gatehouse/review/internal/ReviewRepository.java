package dev.gatehouse.review.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.Mark;
import dev.gatehouse.review.RequiredChange;
import dev.gatehouse.review.Review;
import dev.gatehouse.review.ReviewStatus;

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

import static dev.gatehouse.review.internal.CheckRepository.instant;

/** Reviews, checklist marks and required changes. */
@Repository
public class ReviewRepository {

	private final JdbcClient jdbc;

	ReviewRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean insert(UUID id, AppId app, UUID revision, int number, Map<String, String> snapshot, UUID previousReview,
			Instant now) {
		return jdbc.sql("""
				insert into review.reviews (id, app_id, revision_id, revision_number, snapshot, previous_review_id, status,
				  submitted_at)
				values (:id, :app, :rev, :num, :snapshot::jsonb, :prev, 'WAITING', :now)
				on conflict (revision_id) where status in ('WAITING', 'IN_REVIEW') do nothing""")
			.param("id", id)
			.param("app", app.value())
			.param("rev", revision)
			.param("num", number)
			.param("snapshot", CheckRepository.JSON.writeValueAsString(snapshot))
			.param("prev", previousReview)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	public Optional<Review> find(UUID id) {
		return jdbc.sql("select * from review.reviews where id = :id").param("id", id).query(ReviewRepository::review).optional();
	}

	public Optional<Review> lock(UUID id) {
		return jdbc.sql("select * from review.reviews where id = :id for update")
			.param("id", id)
			.query(ReviewRepository::review)
			.optional();
	}

	/** The newest review of the revision. */
	public Optional<Review> byRevision(UUID revision) {
		return jdbc.sql("select * from review.reviews where revision_id = :rev order by submitted_at desc limit 1")
			.param("rev", revision)
			.query(ReviewRepository::review)
			.optional();
	}

	public List<Review> ofApp(AppId app) {
		return jdbc.sql("select * from review.reviews where app_id = :app order by submitted_at desc")
			.param("app", app.value())
			.query(ReviewRepository::review)
			.list();
	}

	/** The app's newest decided review. */
	public Optional<UUID> lastDecided(AppId app) {
		return jdbc.sql("""
				select id from review.reviews where app_id = :app and status in ('APPROVED', 'CHANGES_REQUESTED', 'REJECTED')
				order by decided_at desc limit 1""")
			.param("app", app.value())
			.query(UUID.class)
			.optional();
	}

	@SuppressWarnings("unchecked")
	public Map<String, String> snapshot(UUID review) {
		return jdbc.sql("select snapshot::text from review.reviews where id = :id")
			.param("id", review)
			.query(String.class)
			.optional()
			.map(text -> (Map<String, String>) (Map<?, ?>) CheckRepository.json(text))
			.orElse(Map.of());
	}

	/** Open reviews, oldest first; {@code assignee} "" for all, "-" for unassigned. */
	public List<Review> queue(String assignee, int limit, int offset) {
		return jdbc.sql("""
				select * from review.reviews where status in ('WAITING', 'IN_REVIEW')
				  and (:assignee = '' or (:assignee = '-' and assignee is null) or assignee = :assignee)
				order by submitted_at, id limit :limit offset :offset""")
			.param("assignee", assignee)
			.param("limit", limit)
			.param("offset", offset)
			.query(ReviewRepository::review)
			.list();
	}

	public void assign(UUID id, String assignee, Instant now) {
		jdbc.sql("update review.reviews set assignee = :who, assigned_at = :now where id = :id")
			.param("who", assignee)
			.param("now", assignee == null ? null : Timestamp.from(now))
			.param("id", id)
			.update();
	}

	public void start(UUID id, Instant now) {
		jdbc.sql("update review.reviews set status = 'IN_REVIEW', started_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	public void decide(UUID id, ReviewStatus status, String by, String note, Instant dueAt, Instant now) {
		jdbc.sql("""
				update review.reviews set status = :status, decided_at = :now, decided_by = :by, decision_note = :note,
				  changes_due_at = :due where id = :id""")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("by", by)
			.param("note", note)
			.param("due", dueAt == null ? null : Timestamp.from(dueAt))
			.param("id", id)
			.update();
	}

	/** Sets or replaces the mark of one clause in a review or an audit. */
	public void mark(UUID review, UUID audit, String clause, CheckOutcome mark, String note, String by, Instant now) {
		String target = review != null ? "review_id" : "audit_id";
		jdbc.sql("delete from review.marks where " + target + " = :target and clause_id = :clause")
			.param("target", review != null ? review : audit)
			.param("clause", clause)
			.update();
		jdbc.sql("""
				insert into review.marks (id, review_id, audit_id, clause_id, mark, note, marked_by, marked_at)
				values (:id, :review, :audit, :clause, :mark, :note, :by, :now)""")
			.param("id", UUID.randomUUID())
			.param("review", review)
			.param("audit", audit)
			.param("clause", clause)
			.param("mark", mark.name())
			.param("note", note)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<Mark> marks(UUID review, UUID audit) {
		String target = review != null ? "review_id" : "audit_id";
		return jdbc.sql("select * from review.marks where " + target + " = :target order by clause_id")
			.param("target", review != null ? review : audit)
			.query((rs, n) -> new Mark(rs.getString("clause_id"), CheckOutcome.valueOf(rs.getString("mark")),
					rs.getString("note"), rs.getString("marked_by"), instant(rs, "marked_at")))
			.list();
	}

	public void insertChange(UUID review, int position, AppId app, String clause, String text, Instant due, Instant now) {
		jdbc.sql("""
				insert into review.required_changes (id, review_id, position, app_id, clause_id, text, due_at, created_at)
				values (:id, :review, :position, :app, :clause, :text, :due, :now)""")
			.param("id", UUID.randomUUID())
			.param("position", position)
			.param("review", review)
			.param("app", app.value())
			.param("clause", clause)
			.param("text", text)
			.param("due", Timestamp.from(due))
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<RequiredChange> changes(UUID review) {
		return jdbc.sql("select * from review.required_changes where review_id = :review order by position")
			.param("review", review)
			.query(ReviewRepository::change)
			.list();
	}

	public Optional<RequiredChange> change(UUID id) {
		return jdbc.sql("select * from review.required_changes where id = :id").param("id", id).query(ReviewRepository::change).optional();
	}

	public void respond(UUID change, String response, String by, Instant now) {
		jdbc.sql("update review.required_changes set response = :response, responded_by = :by, responded_at = :now where id = :id")
			.param("response", response)
			.param("by", by)
			.param("now", Timestamp.from(now))
			.param("id", change)
			.update();
	}

	/** Reviews still awaiting changes whose deadline is within {@code remindFrom}, claimed for one reminder. */
	public List<Review> claimChangeReminders(Instant remindFrom, Instant now, int limit) {
		return claimChanges("changes_reminded_at", "and r.changes_due_at <= :from and r.changes_due_at > :now",
				remindFrom, now, limit);
	}

	/** Reviews still awaiting changes past their deadline, claimed once. */
	public List<Review> claimChangesOverdue(Instant now, int limit) {
		return claimChanges("changes_overdue_at", "and r.changes_due_at <= :now", now, now, limit);
	}

	// "Still awaiting": changes requested and no revision of the app submitted since the decision.
	private List<Review> claimChanges(String column, String due, Instant from, Instant now, int limit) {
		return jdbc.sql("""
				update review.reviews set %1$s = :now
				where id in (select r.id from review.reviews r
				             where r.status = 'CHANGES_REQUESTED' and r.%1$s is null and r.changes_overdue_at is null %2$s
				               and not exists (select 1 from review.reviews n
				                               where n.app_id = r.app_id and n.submitted_at > r.decided_at)
				             order by r.changes_due_at limit :limit for update of r skip locked)
				returning *""".formatted(column, due))
			.param("now", Timestamp.from(now))
			.param("from", Timestamp.from(from))
			.param("limit", limit)
			.query(ReviewRepository::review)
			.list();
	}

	static Review review(ResultSet rs, int n) throws SQLException {
		return new Review(rs.getObject("id", UUID.class), new AppId(rs.getObject("app_id", UUID.class)),
				rs.getObject("revision_id", UUID.class), rs.getInt("revision_number"),
				rs.getObject("previous_review_id", UUID.class), ReviewStatus.valueOf(rs.getString("status")),
				instant(rs, "submitted_at"), rs.getString("assignee"), instant(rs, "assigned_at"), instant(rs, "started_at"),
				instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"),
				instant(rs, "changes_due_at"));
	}

	static RequiredChange change(ResultSet rs, int n) throws SQLException {
		return new RequiredChange(rs.getObject("id", UUID.class), rs.getObject("review_id", UUID.class),
				new AppId(rs.getObject("app_id", UUID.class)), rs.getString("clause_id"), rs.getString("text"),
				instant(rs, "due_at"), rs.getString("response"), instant(rs, "responded_at"), rs.getString("responded_by"),
				instant(rs, "created_at"));
	}

}
