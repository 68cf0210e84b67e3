package dev.gatehouse.review;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.review.Reviews.ChangeLine;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebhookReceiver.Answer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Submission to decision: the check run, the queue, the checklist, the decisions and the findings on live apps. */
class ReviewWorkflowSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	Reviews reviews;

	@Autowired
	AppChecks checks;

	@Autowired
	Findings findings;

	@Autowired
	LegalDocuments legal;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrganizationSuspensions suspensions;

	@Test
	void submitWhenSubmittedThenReviewWaitsAndChecksRecordPassFailAndNotApplicable() {
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key);
		DOMAIN.hooks().script(key + "-terms", Answer.of(404), Answer.of(404), Answer.of(404));

		var revision = registry.submit(fixture.app().id(), fixture.developer().id());

		Review review = reviews.latest(fixture.app().id()).orElseThrow();
		assertThat(review.status()).isEqualTo(ReviewStatus.WAITING);
		assertThat(reviews.queue("-", 200, 0)).extracting(Review::id).contains(review.id());
		assertThat(checks.runs(fixture.app().id(), 10)).extracting(CheckRun::trigger).contains(CheckTrigger.SUBMISSION);
		CheckRun run = ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), revision.id());
		List<CheckResult> results = checks.results(run.id());
		assertThat(results).extracting(CheckResult::outcome)
			.contains(CheckOutcome.PASS, CheckOutcome.FAIL, CheckOutcome.NOT_APPLICABLE);
		assertThat(results).filteredOn(r -> r.mechanismId().equals("check.url-reachable") && r.outcome() == CheckOutcome.FAIL)
			.isNotEmpty()
			.allSatisfy(r -> assertThat(r.summary()).contains("termsUrl (answered 404)"));
		assertThat(results).filteredOn(r -> r.mechanismId().equals("check.webhook-endpoint"))
			.allSatisfy(r -> assertThat(r.summary()).contains("no webhook signing secret"));
		// a submission under review is the reviewer's business, not a finding yet
		assertThat(findingsOf(fixture)).isEmpty();
		assertThat(audited("review.checks.completed", "app:" + fixture.app().id())).isEqualTo(2);
	}

	@Test
	void reviewWhenChangesRequestedAnsweredAndResubmittedThenReviewerSeesTheDiffAndApproves() {
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key);
		secureWebhook(fixture, key, 4);
		var revision = registry.submit(fixture.app().id(), fixture.developer().id());
		Review first = reviews.latest(fixture.app().id()).orElseThrow();
		String reviewer = TestUsers.randomEmail("reviewer");
		String other = TestUsers.randomEmail("reviewer");

		assertThatThrownBy(() -> reviews.approve(first.id(), reviewer, null)).hasMessageContaining("Start the review first");
		reviews.start(first.id(), reviewer);
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.IN_REVIEW);
		assertThatThrownBy(() -> reviews.reject(first.id(), other, "no")).hasMessageContaining("assigned to " + reviewer);
		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), revision.id());
		var refused = catchRejected(() -> reviews.approve(first.id(), reviewer, null));
		assertThat(refused).anySatisfy(m -> assertThat(m).contains("needs your mark"));
		assertThatThrownBy(() -> reviews.mark(first.id(), "DS-4", CheckOutcome.FAIL, " ", reviewer)).hasMessageContaining("Say what is wrong");

		Instant due = reviews.requestChanges(first.id(), reviewer, List.of(new ChangeLine("DS-4", "Say what the reminders cost."),
				new ChangeLine(null, "Add a screenshot of the setup page.")), null);

		int days = legal.currentPack().orElseThrow().deadlines().changeRequestDays();
		assertThat(due).isCloseTo(Instant.now().plus(Duration.ofDays(days)), within(Duration.ofMinutes(5)));
		assertThat(reviews.require(first.id()).status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.CHANGES_REQUESTED);
		List<RequiredChange> required = reviews.requiredChanges(first.id());
		assertThat(required).extracting(RequiredChange::clauseId).containsExactly("DS-4", null);
		assertThat(mailTo(fixture.developer().email())).anySatisfy(m -> assertThat(m.getSubject()).startsWith("Changes required by"));

		reviews.answer(required.getFirst().id(), fixture.developer().id(), "The listing now says: free for one clinic.");
		AppDraft changed = ReviewFixtures.unreachable(TestApps.complete(fixture.app().name()), key);
		Listing l = changed.listing();
		registry.update(fixture.app().id(), fixture.developer().id(), new AppDraft(changed.appType(), new Listing(l.name(),
				"Free for one clinic", l.description(), l.category(), l.website(), l.privacyPolicyUrl(), l.termsUrl(),
				l.supportEmail(), l.supportUrl(), l.setupUrl()), changed.redirectUris(), changed.webhookUrl(), changed.scopes(),
				changed.dataUse(), changed.security()));
		registry.submit(fixture.app().id(), fixture.developer().id());

		Review second = reviews.latest(fixture.app().id()).orElseThrow();
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(second.previousReviewId()).isEqualTo(first.id());
		assertThat(reviews.changesSincePreviousReview(second)).singleElement().satisfies(c -> {
			assertThat(c.field()).isEqualTo("listing.tagline");
			assertThat(c.after()).isEqualTo("Free for one clinic");
		});
		reviews.start(second.id(), reviewer);
		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), second.revisionId());
		for (ChecklistLine line : reviews.checklist(second)) {
			if (line.needsMark()) {
				reviews.mark(second.id(), line.clause().id(), CheckOutcome.PASS, "looked at it", reviewer);
			}
		}
		reviews.approve(second.id(), reviewer, "Thanks");

		assertThat(reviews.require(second.id()).status()).isEqualTo(ReviewStatus.APPROVED);
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.APPROVED);
		assertThat(audited("review.review.approved", "review:" + second.id())).isEqualTo(1);
	}

	@Test
	void rejectWhenReasonGivenThenRevisionWithdrawnAndNeverLiveAppBlocked() {
		var fixture = ReviewFixtures.localApp(context, DOMAIN, ReviewFixtures.key());
		registry.submit(fixture.app().id(), fixture.developer().id());
		Review review = reviews.latest(fixture.app().id()).orElseThrow();
		String reviewer = TestUsers.randomEmail("reviewer");
		reviews.start(review.id(), reviewer);

		assertThatThrownBy(() -> reviews.reject(review.id(), reviewer, " ")).isInstanceOf(InputRejectedException.class);
		reviews.reject(review.id(), reviewer, "A copy of another vendor's app.");

		assertThat(reviews.require(review.id()).status()).isEqualTo(ReviewStatus.REJECTED);
		var app = registry.require(fixture.app().id());
		assertThat(app.status()).isEqualTo(AppStatus.BLOCKED);
		assertThat(registry.revisions(app.id()).getFirst().state()).isEqualTo(RevisionState.WITHDRAWN);
		assertThatThrownBy(() -> reviews.start(review.id(), reviewer)).hasMessageContaining("closed");
	}

	@Test
	void liveAppWhenCheckFailsThenFindingAndWhenUrlKeepsFailingForThePacksDaysThenUrlFinding() {
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key);
		AppFixtures.approve(context, fixture);
		var live = registry.liveRevision(registry.require(fixture.app().id())).orElseThrow();
		Answer[] failing = new Answer[20];
		java.util.Arrays.fill(failing, Answer.of(503));
		DOMAIN.hooks().script(key + "-support", failing);

		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), live.id());

		assertThat(findingsOf(fixture)).extracting(Finding::source).contains("check.webhook-endpoint")
			.doesNotContain("check.url-reachable");
		jdbc.sql("update review.url_failures set failing_since = now() - interval '60 days' where app_id = :id")
			.param("id", fixture.app().id().value())
			.update();
		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), live.id());
		assertThat(findingsOf(fixture)).filteredOn(f -> f.source().equals("check.url-reachable"))
			.isNotEmpty()
			.allSatisfy(f -> assertThat(f.summary()).contains("supportUrl"));
	}

	@Test
	void pagesWhenReviewerAndDeveloperOpenThemThenQueueChecklistAndFindingsShow() {
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer.user());
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key,
				new AppFixtures.DraftApp(developer.user(), app.organizationId(), app));
		var revision = registry.submit(fixture.app().id(), fixture.developer().id());
		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), revision.id());
		Review review = reviews.latest(fixture.app().id()).orElseThrow();
		var reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));

		assertThat(html(reviewer.get("/operator/reviews")).select("#queue").text()).contains(fixture.app().name());
		reviewer.get("/operator/reviews/" + review.id());
		reviewer.post("/operator/reviews/" + review.id() + "/start", java.util.Map.of());
		var page = html(reviewer.get("/operator/reviews/" + review.id()));
		assertThat(page.select("table.checklist tbody tr")).hasSize(legal.currentPack().orElseThrow().clauses().size());
		assertThat(page.select("#review-status").text()).isEqualTo("in review");
		var refused = reviewer.follow(reviewer.post("/operator/reviews/" + review.id() + "/request-changes",
				java.util.Map.of("changes", " ")));
		assertThat(html(refused).select("[role=alert]").text()).contains("Write down at least one required change.");

		var devPage = html(signIn(developer).get("/developer/apps/" + fixture.app().id() + "/review"));
		assertThat(devPage.select("#failing-checks").text()).contains("check.webhook-endpoint");
	}

	@Test
	void approveWhenTheOrganizationIsSuspendedThenTheReviewPageRefusesItUntilReinstatement() {
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer.user());
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key,
				new AppFixtures.DraftApp(developer.user(), app.organizationId(), app));
		var revision = registry.submit(fixture.app().id(), fixture.developer().id());
		ReviewFixtures.checkedRun(context, DOMAIN, key, fixture.app().id(), revision.id());
		Review review = reviews.latest(fixture.app().id()).orElseThrow();
		var reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));
		reviewer.get("/operator/reviews/" + review.id());
		reviewer.post("/operator/reviews/" + review.id() + "/start", java.util.Map.of());
		suspensions.suspend(fixture.org(), "compliance@example.com", "Fake reviews bought for every app.");
		reviewer.get("/operator/reviews/" + review.id());

		var refused = reviewer.follow(reviewer.post("/operator/reviews/" + review.id() + "/approve",
				java.util.Map.of("note", "Fine")));

		assertThat(html(refused).select("[role=alert]").text())
			.contains("The developer organization is suspended: its apps cannot be approved until it is reinstated.");
		assertThat(reviews.require(review.id()).status()).isEqualTo(ReviewStatus.IN_REVIEW);
		suspensions.reinstate(fixture.org(), "compliance@example.com", "Reviews removed.");
		// Other problems (marks still missing) may remain; the suspension is no longer one of them.
		List<String> after;
		try {
			reviews.approve(review.id(), reviews.require(review.id()).assignee(), null);
			after = List.of();
		}
		catch (InputRejectedException ex) {
			after = ex.violations().stream().map(InputRejectedException.Violation::message).toList();
		}
		assertThat(after).noneSatisfy(m -> assertThat(m).contains("suspended"));
	}

	private void secureWebhook(AppFixtures.DraftApp fixture, String key, int runs) {
		credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id());
		Answer[] answers = new Answer[runs * 2];
		for (int i = 0; i < answers.length; i++) {
			answers[i] = Answer.of(i % 2 == 0 ? 200 : 401);
		}
		DOMAIN.hooks().script(key + "-hook", answers);
	}

	@Test
	void changesWhenDeadlineNearsThenOneReminderWhenMissedThenOneFindingAgainstTheChangeRequestClause() throws Exception {
		var fixture = ReviewFixtures.localApp(context, DOMAIN, ReviewFixtures.key());
		registry.submit(fixture.app().id(), fixture.developer().id());
		Review review = reviews.latest(fixture.app().id()).orElseThrow();
		String reviewer = TestUsers.randomEmail("reviewer");
		reviews.start(review.id(), reviewer);
		reviews.requestChanges(review.id(), reviewer, List.of(new ChangeLine(null, "Add a screenshot of the setup page.")),
				null);

		moveChangesDue(review, Instant.now().plus(Duration.ofDays(1)));
		reviews.runChangeDeadlinesNow();
		reviews.runChangeDeadlinesNow();
		assertThat(subjects(fixture)).filteredOn(s -> s.startsWith("Changes due")).hasSize(1);
		assertThat(changeFindings(fixture)).isEmpty();

		moveChangesDue(review, Instant.now().minusSeconds(60));
		reviews.runChangeDeadlinesNow();
		reviews.runChangeDeadlinesNow();

		String clause = legal.currentPack().orElseThrow().clauses().stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals("flow.change-request")))
			.findFirst().orElseThrow().id();
		assertThat(changeFindings(fixture)).singleElement().satisfies(f -> {
			assertThat(f.clauseId()).isEqualTo(clause);
			assertThat(f.evidence()).containsEntry("review", review.id().toString())
				.containsEntry("requiredChanges", List.of("Add a screenshot of the setup page."));
		});
		assertThat(subjects(fixture)).filteredOn(s -> s.startsWith("Change deadline missed")).hasSize(1);
		assertThat(audited("review.changes.overdue", "review:" + review.id())).isEqualTo(1);
	}

	private void moveChangesDue(Review review, Instant due) {
		jdbc.sql("update review.reviews set changes_due_at = :due where id = :id")
			.param("due", java.sql.Timestamp.from(due))
			.param("id", review.id())
			.update();
	}

	private List<String> subjects(AppFixtures.DraftApp fixture) throws Exception {
		List<String> subjects = new java.util.ArrayList<>();
		for (var message : mailTo(fixture.developer().email())) {
			subjects.add(message.getSubject());
		}
		return subjects;
	}

	private List<Finding> changeFindings(AppFixtures.DraftApp fixture) {
		return findings.forSubject("app", fixture.app().id().toString())
			.stream()
			.filter(f -> f.source().equals("flow.change-request"))
			.toList();
	}

	private List<Finding> findingsOf(AppFixtures.DraftApp fixture) {
		return findings.forSubject("app", fixture.app().id().toString())
			.stream()
			.filter(f -> f.source().startsWith("check."))
			.toList();
	}

	private int audited(String action, String target) {
		return jdbc.sql("select count(*) from auditlog.audit_events where action = :action and target = :target")
			.param("action", action)
			.param("target", target)
			.query(Integer.class)
			.single();
	}

	private static List<String> catchRejected(Runnable action) {
		try {
			action.run();
		}
		catch (InputRejectedException ex) {
			return ex.violations().stream().map(InputRejectedException.Violation::message).toList();
		}
		throw new AssertionError("not refused");
	}

}
