package dev.gatehouse;

import com.microsoft.playwright.Page;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestUsers;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** axe-core (WCAG 2 A and AA rules) on the main pages: no serious or critical violation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browsers.class)
class AccessibilityBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	dev.gatehouse.apps.ScopeCatalogue catalogue;

	@Autowired
	dev.gatehouse.apps.AppRegistry registry;

	@Autowired
	dev.gatehouse.developers.DeveloperOrganizations organizations;

	@Autowired
	dev.gatehouse.policy.LegalDocuments legal;

	@Autowired
	dev.gatehouse.marketplace.CustomerAccounts customers;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	dev.gatehouse.review.Reviews reviews;

	@Autowired
	dev.gatehouse.incidents.Incidents incidents;

	@Autowired
	dev.gatehouse.enforcement.Violations violations;

	@Autowired
	dev.gatehouse.enforcement.Findings findings;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Test
	void publicPagesWhenCheckedThenNoSeriousViolations(Page page) {
		for (String path : List.of("/login", "/signup", "/password-reset", "/marketplace")) {
			assertThat(page.navigate(base() + path).status()).as(path).isEqualTo(200);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void operatorPagesWhenCheckedThenNoSeriousViolations(Page page) {
		var admin = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);
		page.navigate(base() + "/login");
		page.getByLabel("Email").fill(admin.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByLabel("Password").press("Enter");
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(admin.secret(), 0));
		page.getByLabel("Authentication code or recovery code").press("Enter");
		page.waitForURL("**/");
		var seeded = seed(TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER));

		for (String path : List.of("/", "/account/security", "/operator/users", "/operator/audit", "/operator/legal",
				"/operator/apps", "/operator/organizations", "/operator/traffic", "/operator/gateway", "/operator/privacy", "/operator/incidents",
				"/operator/incidents/" + seeded.incident(), "/operator/reviews", "/operator/reviews/" + seeded.review(),
				"/operator/audits", "/operator/apps/" + seeded.app() + "/compliance", "/operator/findings",
				"/operator/findings/" + seeded.finding(), "/operator/enforcement/violations",
				"/operator/enforcement/violations/" + seeded.violation(), "/operator/monitoring", "/inbox")) {
			assertThat(page.navigate(base() + path).status()).as(path).isEqualTo(200);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void developerPagesWhenCheckedThenNoSeriousViolations(Page page) {
		catalogue.define(dev.gatehouse.apps.TestApps.READ_APPOINTMENTS);
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var seeded = seed(developer.user());
		var org = seeded.org();
		var app = registry.require(seeded.app());
		page.navigate(base() + "/login");
		page.getByLabel("Email").fill(developer.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByLabel("Password").press("Enter");
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(developer.secret(), 0));
		page.getByLabel("Authentication code or recovery code").press("Enter");
		page.waitForURL("**/");

		for (String path : List.of("/developer", "/developer/legal", "/developer/orgs/" + org, "/developer/orgs/" + org + "/incidents", "/developer/apps/" + app.id(),
				"/developer/apps/" + app.id() + "/edit", "/developer/apps/" + app.id() + "/credentials",
				"/developer/apps/" + app.id() + "/traffic", "/customer-accounts",
				"/customer-accounts/" + customers.sandboxOf(org).orElseThrow().id() + "/apps",
				"/customer-accounts/" + customers.sandboxOf(org).orElseThrow().id() + "/privacy",
				"/developer/apps/" + app.id() + "/review", "/developer/orgs/" + org + "/incidents/" + seeded.incident(),
				"/developer/enforcement", "/developer/enforcement/violations/" + seeded.violation(), "/developer/monitoring")) {
			assertThat(page.navigate(base() + path).status()).as(path).isEqualTo(200);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void checkerWhenAPageBreaksTheRulesThenItReportsThem(Page page) {
		page.setContent("<html><body><img src='x.png'><input type='text'></body></html>");

		assertThat(violations(page)).anyMatch(v -> v.startsWith("image-alt")).anyMatch(v -> v.startsWith("html-has-lang"));
	}

	/**
	 * Something on every page of review, incidents, enforcement and monitoring: an app of the
	 * developer's new organization in review, an incident about it, a finding and a decided violation.
	 */
	private Seeded seed(dev.gatehouse.identity.UserAccount developer) {
		var app = dev.gatehouse.support.AppFixtures.draftAppOf(context, developer);
		context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id and logo_sha256 is null")
			.param("id", app.id().value())
			.update();
		registry.submit(app.id(), developer.id());
		var review = reviews.latest(app.id()).orElseThrow();
		java.time.Instant now = java.time.Instant.now();
		var incident = incidents.open(new dev.gatehouse.incidents.IntakeCommand("Leaked key", List.of(app.id().value()), now,
				now.minus(java.time.Duration.ofDays(1)), now, List.of("appointments"), "A key was in a public repository.",
				"Rotated.", "security@app.example", null),
				dev.gatehouse.incidents.Reporter.operator(java.util.UUID.randomUUID(), "ops@test"));
		String clause = legal.currentPack().orElseThrow().clauses().getFirst().id();
		events.publishEvent(new dev.gatehouse.shared.findings.FindingReported(clause, "app", app.id().toString(),
				"check.word-list", "k-" + java.util.UUID.randomUUID(), "Profanity in the tagline.", java.util.Map.of()));
		var finding = findings.forSubject("app", app.id().toString()).getFirst();
		var violation = violations.open(new dev.gatehouse.enforcement.Violations.NewViolation(clause, "app",
				app.id().toString(), "reviewer", "Listing breaks the clause.", List.of(), List.of(), false, false), "ops");
		violations.decide(violation.id(), new dev.gatehouse.enforcement.Violations.Decision(
				dev.gatehouse.policy.pack.PenaltyAction.WARNING, "Fix it.", null, java.util.Set.of()), "ops");
		return new Seeded(app.organizationId(), app.id(), review.id(), incident.id(), finding.id(), violation.id());
	}

	record Seeded(dev.gatehouse.developers.OrganizationId org, dev.gatehouse.apps.AppId app, java.util.UUID review,
			dev.gatehouse.incidents.IncidentId incident, java.util.UUID finding, java.util.UUID violation) {
	}

	private static List<String> violations(Page page) {
		return dev.gatehouse.support.Accessibility.violations(page);
	}

	private String base() {
		return "http://localhost:" + port;
	}

}
