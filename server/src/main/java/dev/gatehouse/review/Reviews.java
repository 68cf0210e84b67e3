package dev.gatehouse.review;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppEvents.AppStatusChanged;
import dev.gatehouse.apps.AppEvents.RevisionDecided;
import dev.gatehouse.apps.AppEvents.RevisionSubmitted;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.ReviewEvents.ChangeAnswered;
import dev.gatehouse.review.ReviewEvents.ChangesOverdue;
import dev.gatehouse.review.ReviewEvents.ChecklistMarked;
import dev.gatehouse.review.ReviewEvents.ReviewAssigned;
import dev.gatehouse.review.ReviewEvents.ReviewDecided;
import dev.gatehouse.review.ReviewEvents.ReviewOpened;
import dev.gatehouse.review.internal.Checklists;
import dev.gatehouse.review.internal.DeveloperLetters;
import dev.gatehouse.review.internal.ReviewTerms;
import dev.gatehouse.review.internal.ReviewRepository;
import dev.gatehouse.review.internal.RevisionSnapshot;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review workflow: every submission opens a review in the queue and queues the checks; a
 * reviewer takes it, works through the clause checklist and decides. Approval needs every line
 * that a person must judge marked, and no line marked failed; a request for changes is a written
 * list with the pack's notice period as deadline; a rejection needs a reason. The registry makes
 * the app's state change; each step here is an audited event and a letter to the developer.
 */
@Service
public class Reviews {

	/** Deadlines handled per scheduled round. */
	private static final int ROUND_LIMIT = 200;

	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

	private final ReviewRepository reviews;

	private final AppChecks checks;

	private final AppRegistry registry;

	private final ReviewTerms terms;

	private final DeveloperLetters letters;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReviewProperties properties;

	private final OrganizationSuspensions suspensions;

	Reviews(ReviewRepository reviews, AppChecks checks, AppRegistry registry, ReviewTerms terms, DeveloperLetters letters,
			ApplicationEventPublisher events, Clock clock, ReviewProperties properties,
			OrganizationSuspensions suspensions) {
		this.properties = properties;
		this.suspensions = suspensions;
		this.reviews = reviews;
		this.checks = checks;
		this.registry = registry;
		this.terms = terms;
		this.letters = letters;
		this.events = events;
		this.clock = clock;
	}

	/** A change the reviewer requires; {@code clauseId} may be null. */
	public record ChangeLine(String clauseId, String text) {
	}

	/** A submission opens a review (with a snapshot of what was submitted) and queues the checks. */
	@EventListener
	void on(RevisionSubmitted submitted) {
		Revision revision = registry.revisions(submitted.appId())
			.stream()
			.filter(r -> r.id().equals(submitted.revisionId()))
			.findFirst()
			.orElseThrow();
		UUID id = UUID.randomUUID();
		UUID previous = reviews.lastDecided(submitted.appId()).orElse(null);
		if (reviews.insert(id, submitted.appId(), revision.id(), revision.number(), RevisionSnapshot.of(revision), previous,
				clock.instant())) {
			events.publishEvent(new ReviewOpened(id, submitted.appId(), revision.number()));
		}
		checks.queue(submitted.appId(), revision.id(), CheckTrigger.SUBMISSION, "system");
	}

	/**
	 * Opens reviews for revisions that are in review without one (submitted before this module was
	 * installed, or while it was off) and queues their checks. Runs at start; idempotent.
	 * @return reviews opened
	 */
	@Transactional
	public int openMissing() {
		int opened = 0;
		for (AppStatus status : List.of(AppStatus.SUBMITTED, AppStatus.IN_REVIEW, AppStatus.APPROVED, AppStatus.PUBLISHED,
				AppStatus.SUSPENDED)) {
			for (int offset = 0;; offset += 200) {
				List<App> page = registry.search("", status, 200, offset);
				for (App app : page) {
					Optional<Revision> draft = registry.draftRevision(app)
						.filter(r -> r.state() == RevisionState.SUBMITTED || r.state() == RevisionState.IN_REVIEW);
					if (draft.isPresent() && reviews.byRevision(draft.get().id()).filter(r -> r.status().open()).isEmpty()) {
						on(new RevisionSubmitted(app.id(), draft.get().id(), draft.get().number()));
						if (draft.get().state() == RevisionState.IN_REVIEW) {
							reviews.byRevision(draft.get().id()).ifPresent(r -> reviews.start(r.id(), clock.instant()));
						}
						opened++;
					}
				}
				if (page.size() < 200) {
					break;
				}
			}
		}
		return opened;
	}

	/** A decision taken outside this workflow (the app page's legacy forms) closes the open review too. */
	@EventListener
	void on(RevisionDecided decided) {
		reviews.byRevision(decided.revisionId()).filter(r -> r.status().open()).ifPresent(review -> {
			ReviewStatus status = switch (decided.state()) {
				case APPROVED -> ReviewStatus.APPROVED;
				case CHANGES_REQUESTED -> ReviewStatus.CHANGES_REQUESTED;
				case WITHDRAWN -> ReviewStatus.REJECTED;
				default -> null;
			};
			if (status != null) {
				reviews.decide(review.id(), status, review.assignee(), decided.note(), null, clock.instant());
			}
		});
	}

	/** An app blocked or retired while in review leaves the queue. */
	@EventListener
	void on(AppStatusChanged changed) {
		if (changed.to() != AppStatus.BLOCKED && changed.to() != AppStatus.RETIRED) {
			return;
		}
		reviews.ofApp(changed.appId())
			.stream()
			.filter(r -> r.status().open())
			.forEach(r -> reviews.decide(r.id(), ReviewStatus.WITHDRAWN, "system", changed.reason(), null, clock.instant()));
	}

	/** Open reviews, oldest first. {@code assignee}: null or "" all, "-" unassigned, else that reviewer's. */
	public List<Review> queue(String assignee, int limit, int offset) {
		return reviews.queue(assignee == null ? "" : assignee, Math.clamp(limit, 1, 200), Math.max(offset, 0));
	}

	public Review require(UUID id) {
		return reviews.find(id).orElseThrow(() -> new NotFoundException("No such review."));
	}

	public List<Review> ofApp(AppId app) {
		return reviews.ofApp(app);
	}

	/** The newest review of the app. */
	public Optional<Review> latest(AppId app) {
		return reviews.ofApp(app).stream().findFirst();
	}

	/** Assigns the review to a reviewer (null releases it). */
	@Transactional
	public void assign(UUID id, String assignee) {
		Review review = lockOpen(id);
		String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
		reviews.assign(review.id(), who, clock.instant());
		events.publishEvent(new ReviewAssigned(review.id(), review.appId(), who));
	}

	/** The reviewer takes the review (assigning it to themselves) and the app goes into review. */
	@Transactional
	public void start(UUID id, String reviewer) {
		Review review = lockOpen(id);
		if (review.assignee() != null && !review.assignee().equals(reviewer)) {
			throw new InputRejectedException("assignee", "This review is assigned to " + review.assignee() + ".");
		}
		if (review.assignee() == null) {
			reviews.assign(review.id(), reviewer, clock.instant());
			events.publishEvent(new ReviewAssigned(review.id(), review.appId(), reviewer));
		}
		if (review.status() == ReviewStatus.WAITING) {
			registry.startReview(review.appId(), reviewer);
			reviews.start(review.id(), clock.instant());
		}
	}

	/** Marks one clause of the checklist. A failed line needs a note saying what is wrong. */
	@Transactional
	public void mark(UUID id, String clauseId, CheckOutcome mark, String note, String reviewer) {
		Review review = lockInReview(id, reviewer);
		if (!terms.hasClause(clauseId)) {
			throw new InputRejectedException("clause", "The policy in force has no clause " + clauseId + ".");
		}
		if (mark == null || mark == CheckOutcome.ERROR) {
			throw new InputRejectedException("mark", "Choose pass, fail or not applicable.");
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (mark == CheckOutcome.FAIL && text == null) {
			throw new InputRejectedException("note", "Say what is wrong: the note goes to the developer with the changes.");
		}
		reviews.mark(review.id(), null, clauseId, mark, text, reviewer, clock.instant());
		events.publishEvent(new ChecklistMarked(review.id(), null, clauseId, mark.name()));
	}

	/** The checklist of the review: the pack in force, the latest results of the reviewed revision, the marks. */
	public List<ChecklistLine> checklist(Review review) {
		PolicyPack pack = terms.pack().orElse(null);
		if (pack == null) {
			return List.of();
		}
		List<CheckResult> results = checks.latestDone(review.revisionId()).map(run -> checks.results(run.id())).orElse(List.of());
		return Checklists.of(pack, results, reviews.marks(review.id(), null), false);
	}

	public List<RequiredChange> requiredChanges(UUID reviewId) {
		return reviews.changes(reviewId);
	}

	/** What changed in the submission since the app's previous decided review; empty for a first review. */
	public List<FieldChange> changesSincePreviousReview(Review review) {
		if (review.previousReviewId() == null) {
			return List.of();
		}
		return RevisionSnapshot.diff(reviews.snapshot(review.previousReviewId()), reviews.snapshot(review.id()));
	}

	@Transactional
	public void approve(UUID id, String reviewer, String note) {
		Review review = lockInReview(id, reviewer);
		List<String> problems = new ArrayList<>();
		// Said first and on its own line: no mark can make up for it (the registry refuses too).
		if (suspensions.suspended(registry.require(review.appId()).organizationId())) {
			problems.add("The developer organization is suspended: its apps cannot be approved until it is reinstated.");
		}
		if (checks.pending(review.revisionId()) || checks.latestDone(review.revisionId()).isEmpty()) {
			problems.add("The automated checks have not finished yet.");
		}
		for (ChecklistLine line : checklist(review)) {
			String clause = line.clause().id();
			if (line.mark() == null && line.needsMark()) {
				problems.add(clause + " needs your mark" + (line.automatedOutcome() == CheckOutcome.FAIL
						? " (its automated check failed: mark it pass with a note to override)" : "") + ".");
			}
			else if (line.mark() != null && line.mark().mark() == CheckOutcome.FAIL) {
				problems.add(clause + " is marked failed: request changes instead.");
			}
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems.stream().map(p -> new InputRejectedException.Violation("approve", p)).toList());
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		registry.approve(review.appId(), reviewer, text);
		reviews.decide(review.id(), ReviewStatus.APPROVED, reviewer, text, null, clock.instant());
		events.publishEvent(new ReviewDecided(review.id(), review.appId(), review.revisionNumber(), ReviewStatus.APPROVED, 0,
				text));
		letters.send(review.appId(), "Revision " + review.revisionNumber() + " approved",
				"Revision " + review.revisionNumber() + " of your app passed review and is now live."
						+ (text == null ? "" : "\n\nThe reviewer's note: " + text));
	}

	/** Sends the revision back with a written list of required changes, due after the pack's notice period. */
	@Transactional
	public Instant requestChanges(UUID id, String reviewer, List<ChangeLine> changes, String note) {
		Review review = lockInReview(id, reviewer);
		List<ChangeLine> lines = changes == null ? List.of()
				: changes.stream().filter(c -> c.text() != null && !c.text().isBlank()).toList();
		if (lines.isEmpty()) {
			throw new InputRejectedException("changes", "Write down at least one required change.");
		}
		for (ChangeLine line : lines) {
			if (line.clauseId() != null && !line.clauseId().isBlank() && !terms.hasClause(line.clauseId())) {
				throw new InputRejectedException("changes", "The policy in force has no clause " + line.clauseId() + ".");
			}
		}
		Instant now = clock.instant();
		Instant due = now.plus(terms.changeNotice());
		StringBuilder letter = new StringBuilder();
		int position = 0;
		for (ChangeLine line : lines) {
			String clause = line.clauseId() == null || line.clauseId().isBlank() ? null : line.clauseId().strip();
			reviews.insertChange(review.id(), position++, review.appId(), clause, line.text().strip(), due, now);
			letter.append("- ").append(clause == null ? "" : "[" + clause + "] ").append(line.text().strip()).append('\n');
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		registry.requestChanges(review.appId(), reviewer, letter.toString().strip());
		reviews.decide(review.id(), ReviewStatus.CHANGES_REQUESTED, reviewer, text, due, now);
		events.publishEvent(new ReviewDecided(review.id(), review.appId(), review.revisionNumber(),
				ReviewStatus.CHANGES_REQUESTED, lines.size(), text));
		letters.send(review.appId(), "Changes required by " + DATE.format(due),
				"Revision " + review.revisionNumber() + " of your app needs changes before it can be approved. Make them "
						+ "and resubmit by " + DATE.format(due) + ":\n\n" + letter + (text == null ? "" : "\nThe reviewer's note: " + text));
		return due;
	}

	@Transactional
	public void reject(UUID id, String reviewer, String reason) {
		Review review = lockInReview(id, reviewer);
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", "Give the reason for the rejection: the developer reads it.");
		}
		registry.rejectRevision(review.appId(), reviewer, reason.strip());
		reviews.decide(review.id(), ReviewStatus.REJECTED, reviewer, reason.strip(), null, clock.instant());
		events.publishEvent(new ReviewDecided(review.id(), review.appId(), review.revisionNumber(), ReviewStatus.REJECTED, 0,
				reason.strip()));
		letters.send(review.appId(), "Revision " + review.revisionNumber() + " rejected",
				"Revision " + review.revisionNumber() + " of your app was rejected.\n\nThe reason: " + reason.strip());
	}

	/** The developer answers a required change (what they did, or why not). */
	@Transactional
	public void answer(UUID changeId, UserId developer, String response) {
		RequiredChange change = reviews.change(changeId).orElseThrow(() -> new NotFoundException("No such required change."));
		App app = registry.requireForDeveloper(change.appId(), developer);
		if (response == null || response.isBlank()) {
			throw new InputRejectedException("response", "Say what you changed, or why you did not.");
		}
		if (response.length() > 4000) {
			throw new InputRejectedException("response", "Keep the answer under 4000 characters.");
		}
		reviews.respond(change.id(), response.strip(), developer.toString(), clock.instant());
		events.publishEvent(new ChangeAnswered(change.id(), app.id()));
	}

	/** The review whose required changes the developer is working on: the newest one, when changes were requested. */
	public Optional<Review> awaitingChanges(AppId app) {
		return latest(app).filter(r -> r.status() == ReviewStatus.CHANGES_REQUESTED);
	}

	/** Whether the app's draft revision is waiting for the developer to resubmit after changes were requested. */
	public boolean canResubmit(App app) {
		return registry.draftRevision(app)
			.map(r -> r.state() == RevisionState.CHANGES_REQUESTED || r.state() == RevisionState.DRAFT)
			.orElse(false);
	}

	private Review lockOpen(UUID id) {
		Review review = reviews.lock(id).orElseThrow(() -> new NotFoundException("No such review."));
		if (!review.status().open()) {
			throw new InputRejectedException("status", "This review is closed (" + review.status().name().toLowerCase() + ").");
		}
		return review;
	}

	private Review lockInReview(UUID id, String reviewer) {
		Review review = lockOpen(id);
		if (review.status() != ReviewStatus.IN_REVIEW) {
			throw new InputRejectedException("status", "Start the review first.");
		}
		if (review.assignee() != null && !review.assignee().equals(reviewer)) {
			throw new InputRejectedException("assignee", "This review is assigned to " + review.assignee() + ".");
		}
		return review;
	}

	/**
	 * Required-change deadlines, as the audit schedule runs them: a reminder
	 * ({@code evidence-reminder-before} ahead, as for evidence) and, once passed without a new
	 * revision, a finding against the clause of {@code flow.change-request}. @return actions taken
	 */
	@Transactional
	public int runChangeDeadlinesNow() {
		Instant now = clock.instant();
		List<Review> reminders = reviews.claimChangeReminders(now.plus(properties.evidenceReminderBefore()), now, ROUND_LIMIT);
		for (Review r : reminders) {
			letters.send(r.appId(), "Changes due " + DATE.format(r.changesDueAt()),
					"A reminder: the changes required for revision " + r.revisionNumber() + " are due "
							+ DATE.format(r.changesDueAt()) + ". Make them and resubmit.");
		}
		List<Review> overdue = reviews.claimChangesOverdue(now, ROUND_LIMIT);
		String clause = terms.clauseUsing("flow.change-request", null);
		for (Review r : overdue) {
			if (clause != null) {
				Map<String, Object> evidence = new LinkedHashMap<>();
				evidence.put("review", r.id().toString());
				evidence.put("revision", r.revisionNumber());
				evidence.put("decidedAt", String.valueOf(r.decidedAt()));
				evidence.put("dueAt", r.changesDueAt().toString());
				evidence.put("requiredChanges", reviews.changes(r.id()).stream().map(RequiredChange::text).toList());
				events.publishEvent(new FindingReported(clause, "app", r.appId().toString(), "flow.change-request",
						"review:changes:" + r.id(), "The changes required for revision " + r.revisionNumber()
								+ " were not made by " + r.changesDueAt() + ".", evidence));
			}
			events.publishEvent(new ChangesOverdue(r.id(), r.appId(), r.revisionNumber()));
			letters.send(r.appId(), "Change deadline missed", "The changes required for revision " + r.revisionNumber()
					+ " were due " + DATE.format(r.changesDueAt()) + " and no new revision has been submitted. This is "
					+ "recorded as a finding; make the changes and resubmit now.");
		}
		return reminders.size() + overdue.size();
	}

}
