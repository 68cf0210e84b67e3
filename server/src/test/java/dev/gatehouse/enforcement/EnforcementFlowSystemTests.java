package dev.gatehouse.enforcement;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.enforcement.internal.EnforcementTerms;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.Severity;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The enforcement workflow through its pages: findings triaged into violations, the ladder's
 * proposal from the pack in force (with aggravation and repeat offences), the operator's decision,
 * the developer's appeal, and customers' abuse reports.
 */
class EnforcementFlowSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppRegistry registry;

	@Autowired
	CustomerAccounts customers;

	@Autowired
	Violations violations;

	@Autowired
	Appeals appeals;

	@Autowired
	Findings findings;

	@Autowired
	EnforcementTerms terms;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	TestUsers.Enrolled developer;

	TestUsers.Enrolled operator;

	App app;

	@BeforeEach
	void approvedAppOfAnEnrolledDeveloper() {
		developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		operator = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE);
		App draft = AppFixtures.draftAppOf(context, developer.user());
		AppFixtures.approve(context, new AppFixtures.DraftApp(developer.user(), draft.organizationId(), draft));
		registry.publish(draft.id(), "test");
		app = registry.require(draft.id());
	}

	@Test
	void ladderProposesFromThePackWithAggravationAndRepeatOffences() {
		var ladder = terms.ladder();
		String clause = clauseOf(Severity.MEDIUM);
		int start = ladder.startBySeverity().get(Severity.MEDIUM);

		Violation first = open(clause, false, false);
		assertThat(first.proposedAction()).isEqualTo(ladder.steps().get(start));
		Violation auditFound = open(clause, false, true);
		assertThat(auditFound.proposedAction()).isEqualTo(ladder.steps().get(start + ladder.auditFoundUnreportedSteps()));
		assertThat(auditFound.proposalBasis()).contains("audit found it unreported");
		Violation selfReported = open(clause, true, true);
		assertThat(selfReported.proposedAction()).isEqualTo(ladder.steps().get(start));

		violations.decide(first.id(), new Violations.Decision(first.proposedAction(), "Fix the listing.", null, Set.of()),
				"ops");
		Violation repeat = open(clause, false, false);
		assertThat(repeat.proposedAction()).isEqualTo(ladder.steps().get(start + 1));
		assertThat(repeat.proposalBasis()).contains("1 repeat offence within " + ladder.repeatWindowDays() + " days");
		violations.decide(repeat.id(), new Violations.Decision(repeat.proposedAction(), "Again.", null, Set.of()), "ops");
		Violation third = open(clause, false, true);
		assertThat(third.proposedAction())
			.isEqualTo(ladder.steps().get(start + 2 + ladder.auditFoundUnreportedSteps()));
		violations.dismiss(auditFound.id(), "Duplicate of the first.", "ops");
		violations.dismiss(selfReported.id(), "Duplicate of the first.", "ops");
		assertThat(open(clause, false, false).proposedAction()).as("dismissed violations are no offences")
			.isEqualTo(ladder.steps().get(start + 2));
	}

	@Test
	void findingOfAnAutoSeverityBecomesAViolationAtOnceOthersAfterTriageOnTheFindingPage() {
		Severity auto = terms.autoViolationSeverities().iterator().next();
		String autoClause = clauseOf(auto);
		String triagedClause = clauseOf(Severity.LOW);

		events.publishEvent(new FindingReported(autoClause, "app", app.id().toString(), "audit.data-use", "k-" + UUID.randomUUID(),
				"Data shared with an undeclared party.", Map.of("url", "https://example.com")));
		events.publishEvent(new FindingReported(triagedClause, "app", app.id().toString(), "check.word-list",
				"k-" + UUID.randomUUID(), "Profanity in the tagline.", Map.of()));

		Finding autoFinding = findingOf(autoClause);
		Violation automatic = violations.ofFinding(autoFinding.id()).orElseThrow();
		assertThat(automatic.auditFound()).isTrue();
		assertThat(automatic.openedBy()).isEqualTo("system");
		assertThat(automatic.source()).isEqualTo("audit.data-use");
		Finding triaged = findingOf(triagedClause);
		assertThat(violations.ofFinding(triaged.id())).isEmpty();

		var web = signIn(operator);
		assertThat(html(web.get("/operator/findings/" + triaged.id())).select("#make-violation")).isNotEmpty();
		var made = web.post("/operator/findings/" + triaged.id() + "/violation", Map.of());
		Violation fromTriage = violations.ofFinding(triaged.id()).orElseThrow();
		assertThat(location(made)).isEqualTo("/operator/enforcement/violations/" + fromTriage.id());
		assertThat(fromTriage.evidenceLinks()).containsExactly("/operator/findings/" + triaged.id());
		assertThat(audit("violation:" + automatic.id())).containsExactly("enforcement.violation.opened");
	}

	@Test
	void operatorChangesTheProposalWithAReasonOnThePageAndTheDeveloperAppealsAndGetsAccessBack() {
		Violation violation = open(clauseOf(Severity.LOW), false, false);
		var ops = signIn(operator);
		var page = html(ops.get("/operator/enforcement/violations/" + violation.id()));
		assertThat(page.select("#proposed").text()).isEqualTo(violation.proposedAction().value());

		var missingReason = ops.post("/operator/enforcement/violations/" + violation.id() + "/decision",
				Map.of("action", "app-suspension", "reason", ""));
		assertThat(html(ops.follow(missingReason)).select(".error-summary").text()).contains("Say why you change");
		ops.post("/operator/enforcement/violations/" + violation.id() + "/decision",
				Map.of("action", "app-suspension", "reason", "Harvests contacts without consent.", "notice", "default"));

		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUSPENDED);
		var action = violations.actions(violation.id()).getFirst();
		assertThat(action.action()).isEqualTo(PenaltyAction.APP_SUSPENSION);
		assertThat(action.proposedAction()).isEqualTo(violation.proposedAction());
		assertThat(action.takenBy()).isEqualTo(operator.email());
		assertThat(action.noticeGiven()).isTrue();

		var dev = signIn(developer);
		assertThat(html(dev.get("/developer/enforcement")).select("#violations").text()).contains(app.name());
		var mine = html(dev.get("/developer/enforcement/violations/" + violation.id()));
		assertThat(mine.select("#actions").text()).contains("app suspension", "Harvests contacts without consent.");
		assertThat(mine.text()).contains("Remediate by");
		dev.post("/developer/enforcement/violations/" + violation.id() + "/appeal",
				Map.of("grounds", "The contacts were imported by the customer, with consent."));
		Appeal appeal = appeals.ofViolation(violation.id()).getFirst();
		assertThat(appeal.status()).isEqualTo(AppealStatus.PENDING);

		ops.get("/operator/enforcement/violations/" + violation.id());
		ops.post("/operator/enforcement/appeals/" + appeal.id() + "/decision",
				Map.of("violationId", violation.id().toString(), "outcome", "uphold", "reason", "Consent records check out."));

		assertThat(appeals.ofViolation(violation.id()).getFirst().status()).isEqualTo(AppealStatus.UPHELD);
		assertThat(violations.require(violation.id()).status()).isEqualTo(ViolationStatus.DISMISSED);
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.PUBLISHED);
		assertThat(mailTo(developer.email())).extracting(m -> m.getSubject())
			.anySatisfy(s -> assertThat(s).contains("violation withdrawn"));
		assertThat(audit("violation:" + violation.id())).containsSubsequence("enforcement.violation.opened",
				"enforcement.action.taken", "enforcement.appeal.filed", "enforcement.appeal.upheld",
				"enforcement.violation.reinstated", "enforcement.violation.dismissed");
		assertThat(jdbc.sql("select actor from auditlog.audit_events where target = :t and action = 'enforcement.action.taken'")
			.param("t", "violation:" + violation.id())
			.query(String.class)
			.single()).isEqualTo(operator.email());
	}

	@Test
	void appealRejectedKeepsTheActionAndIsRecorded() {
		Violation violation = open(clauseOf(Severity.LOW), false, false);
		violations.decide(violation.id(), new Violations.Decision(PenaltyAction.WARNING, "Fix the tagline.", null, Set.of()),
				"ops");
		Appeal appeal = appeals.file(violation.id(), developer.user().id(), "It is a quote from a customer.");

		appeals.decide(appeal.id(), false, "Quotes count as your listing text.", "ops");

		assertThat(violations.require(violation.id()).status()).isEqualTo(ViolationStatus.ACTIONED);
		assertThat(appeals.ofViolation(violation.id()).getFirst().decisionReason()).isEqualTo("Quotes count as your listing text.");
		assertThat(audit("violation:" + violation.id())).contains("enforcement.appeal.filed", "enforcement.appeal.rejected");
	}

	@Test
	void customerReportsAnAppFromTheListingAndTheOperatorMakesItAViolation() {
		var customerAdmin = TestUsers.createWithTotp(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.create("Clinic " + UUID.randomUUID().toString().substring(0, 8), customerAdmin.user().id());
		var customer = signIn(customerAdmin);
		String reportPath = html(customer.get("/marketplace/apps/" + app.slug())).select("#report-app").attr("href");
		assertThat(reportPath).isEqualTo("/report/apps/" + app.id());
		customer.get(reportPath);

		var refused = customer.post(reportPath, Map.of("category", "spam", "description", " "));
		assertThat(html(refused).select(".field-error").text()).contains("Describe what happened");
		var sent = customer.post(reportPath, Map.of("category", "spam", "description", "It texts my patients ads every night."));
		assertThat(html(sent).select("#sent")).isNotEmpty();

		AbuseReport report = jdbc.sql("select id from enforcement.abuse_reports where app_id = :app")
			.param("app", app.id().value())
			.query(UUID.class)
			.list()
			.stream()
			.map(id -> context.getBean(AbuseReports.class).require(id))
			.findFirst()
			.orElseThrow();
		assertThat(report.reporterId()).isEqualTo(customerAdmin.user().id().value());
		var ops = signIn(operator);
		assertThat(html(ops.get("/operator/enforcement/abuse-reports")).select("#reports").text()).contains("spam");
		ops.get("/operator/enforcement/abuse-reports/" + report.id());
		String clause = clauseOf(Severity.MEDIUM);
		var converted = ops.post("/operator/enforcement/abuse-reports/" + report.id() + "/convert",
				Map.of("clauseId", clause, "note", "Confirmed with the sent messages."));

		Violation violation = violations.require(context.getBean(AbuseReports.class).require(report.id()).violationId());
		assertThat(location(converted)).isEqualTo("/operator/enforcement/violations/" + violation.id());
		assertThat(violation.source()).isEqualTo("abuse-report");
		assertThat(violation.clauseId()).isEqualTo(clause);
		assertThat(violation.status()).isEqualTo(ViolationStatus.PROPOSED);
		assertThat(audit("abuse_report:" + report.id())).containsExactly("enforcement.abuse_report.filed",
				"enforcement.abuse_report.converted");
	}

	@Test
	void developersSeeOnlyTheirOwnViolationsAndNotProposalsNotYetDecided() {
		Violation proposed = open(clauseOf(Severity.LOW), false, false);
		var stranger = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		violations.decide(proposed.id(), new Violations.Decision(PenaltyAction.WARNING, "Fix it.", null, Set.of()), "ops");
		Violation undecided = open(clauseOf(Severity.LOW), false, false);

		assertThat(signIn(stranger).get("/developer/enforcement/violations/" + proposed.id()).statusCode()).isEqualTo(404);
		var dev = signIn(developer);
		assertThat(dev.get("/developer/enforcement/violations/" + proposed.id()).statusCode()).isEqualTo(200);
		assertThat(dev.get("/developer/enforcement/violations/" + undecided.id()).statusCode()).isEqualTo(404);
	}

	@Test
	void membersOfASuspendedOrganizationSignInAndAppealButCannotCreateOrSubmitApps() {
		App draft = registry.create(app.organizationId(), developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		Violation violation = violations.open(new Violations.NewViolation(clauseOf(Severity.LOW), "organization",
				app.organizationId().toString(), "reviewer", "Fake reviews bought for every app.", List.of(), List.of(),
				false, false), "ops");
		violations.decide(violation.id(), new Violations.Decision(PenaltyAction.DEVELOPER_SUSPENSION,
				"Fraudulent reviews across the organization.", null, Set.of()), "ops");

		var dev = signIn(developer);

		assertThat(html(dev.get("/developer/enforcement")).select("#violations").text()).contains("Fake reviews bought for every app.");
		var mine = html(dev.get("/developer/enforcement/violations/" + violation.id()));
		assertThat(mine.select("#actions").text()).contains("developer suspension");
		dev.post("/developer/enforcement/violations/" + violation.id() + "/appeal",
				Map.of("grounds", "The reviews were written by real customers."));
		assertThat(appeals.ofViolation(violation.id())).singleElement()
			.satisfies(a -> assertThat(a.status()).isEqualTo(AppealStatus.PENDING));

		String name = TestApps.uniqueName();
		assertThat(dev.get("/developer/orgs/" + app.organizationId() + "/apps/new").statusCode()).isEqualTo(200);
		var created = dev.post("/developer/orgs/" + app.organizationId() + "/apps/new", Map.of("name", name, "appType", "app"));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(html(created).select("[role=alert]").text()).contains("Your organization is suspended");
		assertThat(html(created).select("#name").attr("value")).isEqualTo(name);
		assertThat(registry.ofOrganization(app.organizationId())).extracting(App::name).doesNotContain(name);

		var submitted = dev.post("/developer/apps/" + draft.id() + "/submit", Map.of());
		assertThat(html(dev.follow(submitted)).select("#submit-problems").text()).contains("Your organization is suspended");
		assertThat(registry.require(draft.id()).status()).isEqualTo(AppStatus.DRAFT);
	}

	private Violation open(String clause, boolean selfReported, boolean auditFound) {
		return violations.open(new Violations.NewViolation(clause, "app", app.id().toString(),
				auditFound ? "audit.listing" : "reviewer", "Listing breaks the clause.", List.of(), List.of(), selfReported,
				auditFound), "ops");
	}

	private String clauseOf(Severity severity) {
		return terms.clauses()
			.stream()
			.filter(c -> c.severity() == severity)
			.map(PolicyPack.Clause::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("the pack in force has no " + severity.value() + " clause"));
	}

	private Finding findingOf(String clause) {
		return findings.forSubject("app", app.id().toString())
			.stream()
			.filter(f -> f.clauseId().equals(clause))
			.findFirst()
			.orElseThrow();
	}

	private List<String> audit(String target) {
		return jdbc.sql("select action from auditlog.audit_events where target = :t order by seq")
			.param("t", target)
			.query(String.class)
			.list();
	}

}
