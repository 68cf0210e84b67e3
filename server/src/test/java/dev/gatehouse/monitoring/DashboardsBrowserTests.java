package dev.gatehouse.monitoring;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.Accessibility;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestUsers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The two dashboards in Chromium, with traffic, a detector's finding and an unused-scope suggestion. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browsers.class)
class DashboardsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	dev.gatehouse.enforcement.Violations violations;

	@Autowired
	dev.gatehouse.incidents.Incidents incidents;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppRegistry registry;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Monitoring monitoring;

	@Autowired
	JdbcClient jdbc;

	@Test
	void developerDashboardWhenAppHasTrafficFindingAndUnusedScopeThenShownAndTheScopeDropsInOneStep(Page page) {
		catalogue.define(LeastPrivilegeSystemTests.SEND_REMINDERS);
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer.user());
		var draft = TestApps.complete(app.name());
		registry.update(app.id(), developer.user().id(), TestApps.withScopes(draft, List.of(draft.scopes().getFirst(),
				new RequestedScope(LeastPrivilegeSystemTests.SEND_REMINDERS.name(),
						"We send each client a reminder the day before the visit.", null)), draft.dataUse()));
		AppFixtures.approve(context, new AppFixtures.DraftApp(developer.user(), app.organizationId(), app));
		jdbc.sql("update apps.revisions set decided_at = decided_at - interval '120 days' where app_id = :id")
			.param("id", app.id().value()).update();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		for (int i = 0; i < 120; i++) {
			boolean refused = i < 90;
			accessLog.record(new ApiCall(UUID.randomUUID(), now.minusSeconds(300 - i), app.id().value(), "c",
					UUID.randomUUID(), UUID.randomUUID(), refused ? "patients.read" : "appointments.list", "GET", "/v1/x",
					refused ? 403 : 200, 900, 0, 100,
					refused ? List.of("patients:read") : List.of(TestApps.READ_APPOINTMENTS.name()), List.of(), List.of(),
					"192.0.2.4", refused ? "insufficient_scope" : null));
		}
		accessLog.flush();
		monitoring.runNow("compliance@test");

		signIn(page, developer, "/developer/monitoring");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your apps' health"))).isVisible();
		Locator panel = page.locator("#app-" + app.id());
		assertThat(panel.locator(".facts")).containsText("120");
		assertThat(panel.locator("table.findings")).containsText("refused as outside the app's scopes");
		assertThat(panel.locator(".scope-suggestion")).containsText(LeastPrivilegeSystemTests.SEND_REMINDERS.name());
		assertThat(page.locator("#dev-traffic-chart svg title").first()).hasText("Calls per app, last 7 days");
		assertThat(page.locator("#score-chart")).isVisible();
		org.assertj.core.api.Assertions.assertThat(Accessibility.violations(page)).isEmpty();
		Browsers.screenshot(page, "developer-dashboard");

		panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Drop " + LeastPrivilegeSystemTests.SEND_REMINDERS.name()))
			.click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("is live without " + LeastPrivilegeSystemTests.SEND_REMINDERS.name());
		assertThat(page.locator("#app-" + app.id() + " .scope-suggestion")).hasCount(0);
		org.assertj.core.api.Assertions.assertThat(registry.liveRevision(registry.require(app.id())).orElseThrow().content().scopes())
			.extracting(RequestedScope::scope).containsExactly(TestApps.READ_APPOINTMENTS.name());
	}

	@Test
	void operatorDashboardWhenOpenedThenChartsTilesAndOnDemandRunWork(Page page) {
		TestApps.defineScopes(catalogue);
		AppFixtures.draftApp(context);
		accessLog.record(new ApiCall(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(), "c",
				UUID.randomUUID(), UUID.randomUUID(), "appointments.list", "GET", "/v1/x", 200, 900, 0, 100, List.of(),
				List.of(), List.of(), "192.0.2.4", null));
		accessLog.flush();
		var operator = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE);

		signIn(page, operator, "/operator/monitoring");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ecosystem health"))).isVisible();
		assertThat(page.locator("#apps-chart svg")).isVisible();
		assertThat(page.locator("#apps-chart table")).containsText("Draft");
		assertThat(page.locator("#findings-chart")).isVisible();
		assertThat(page.locator("#traffic-chart desc")).hasText(java.util.regex.Pattern.compile("^[1-9][0-9]* in all over 14 rows"));
		int awaiting = violations.queue(dev.gatehouse.enforcement.ViolationStatus.PROPOSED, 500, 0).size();
		int open = incidents.latest(dev.gatehouse.incidents.IncidentStatus.OPEN, 500).size();
		assertThat(page.locator("#tile-violations")).containsText(awaiting + " awaiting a decision");
		assertThat(page.locator("#tile-incidents")).containsText(open + " open");
		assertThat(page.locator("#tile-privacy")).isVisible();
		org.assertj.core.api.Assertions.assertThat(Accessibility.violations(page)).isEmpty();

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run detectors now")).click();

		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Detectors ran in");
		assertThat(page.locator("#runs")).containsText("check.anomaly.probing");
		Browsers.screenshot(page, "operator-dashboard");
	}

	private void signIn(Page page, TestUsers.Enrolled user, String path) {
		// The path is plain letters and slashes: Playwright hands the pattern to JavaScript (no \\Q...\\E quoting).
		page.navigate("http://localhost:" + port + path);
		page.getByLabel("Email").fill(user.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(user.secret(), 0));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*" + path + "(\\?continue)?$"));
	}

}
