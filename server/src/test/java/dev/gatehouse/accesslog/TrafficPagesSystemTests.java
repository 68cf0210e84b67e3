package dev.gatehouse.accesslog;

import dev.gatehouse.apps.App;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.gatehouse.accesslog.TestCalls.call;
import static dev.gatehouse.accesslog.TestCalls.onRoute;
import static dev.gatehouse.accesslog.TestCalls.withStatus;
import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

/** The traffic pages over real HTTP: operators see every app, a developer only their organization's. */
class TrafficPagesSystemTests extends FullStackTest {

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Autowired
	AccessLog accessLog;

	TestUsers.Enrolled developer;

	App app;

	@BeforeEach
	void anAppWithTrafficInTheLastHours() {
		developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		app = AppFixtures.draftAppOf(context, developer.user());
		UUID installation = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		Instant now = Instant.now();
		String route = "route-" + UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			accessLog.record(onRoute(call(app.id().value(), installation, account, now.minus(Duration.ofMinutes(10 + i))),
					route, List.of("appointments:read"), List.of("appointments"), 2_000));
		}
		accessLog.record(withStatus(onRoute(call(app.id().value(), installation, account, now.minus(Duration.ofHours(3))),
				route, List.of(), List.of(), 100), 429, "rate_limited"));
		accessLog.record(withStatus(onRoute(call(app.id().value(), installation, account, now.minus(Duration.ofHours(3))),
				route, List.of(), List.of(), 100), 502, null));
		accessLog.flush();
	}

	@Test
	void operatorTrafficWhenFilteredByAppThenTotalsChartAndRoutesAreShown() {
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT));

		var page = operator.get("/operator/traffic?window=24h&app=" + app.id());

		assertThat(page.statusCode()).isEqualTo(200);
		var doc = html(page);
		assertThat(doc.select("h1").text()).contains(app.name());
		assertThat(doc.select("#totals").text()).contains("Calls 7", "Errors (4xx and 5xx except 429) 1", "Rate limited (429) 1");
		// 24 hourly buckets, each a stack of three bars, and a text alternative.
		assertThat(doc.select("#traffic-chart svg g")).hasSize(24);
		assertThat(doc.select("#traffic-chart desc").text()).contains("7 calls", "1 errors", "1 rate limited");
		assertThat(doc.select("#buckets tbody tr")).hasSize(24);
		assertThat(doc.select("#routes tbody tr").first().text()).startsWith("route-").contains(" 7 1 1 ");
		assertThat(doc.select("#per-app").text()).contains(app.name());
	}

	@Test
	void operatorTrafficWhenAllAppsThenTheAppIsInThePerAppTableAndLinked() {
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN));

		var doc = html(operator.get("/operator/traffic?window=7d"));

		assertThat(doc.select("#per-app a[href*=" + app.id() + "]").text()).isEqualTo(app.name());
		assertThat(doc.select("#traffic-chart svg g")).hasSize(28);
		assertThat(doc.select("nav a[href=/operator/traffic]")).hasSize(1);
	}

	@Test
	void operatorTrafficWhenTheWindowOrAppIsNotValidThenBadRequest() {
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT));

		assertThat(operator.get("/operator/traffic?window=1y").statusCode()).isEqualTo(400);
		assertThat(operator.get("/operator/traffic?app=not-a-uuid").statusCode()).isEqualTo(400);
		assertThat(operator.get("/operator/traffic?app=" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@Test
	void developerTrafficWhenTheOwnerAsksThenTheirAppsTrafficIsShown() {
		var web = signIn(developer);

		var page = web.get("/developer/apps/" + app.id() + "/traffic?window=30d");

		assertThat(page.statusCode()).isEqualTo(200);
		var doc = html(page);
		assertThat(doc.select("#totals").text()).contains("Calls 7");
		assertThat(doc.select("#traffic-chart svg g")).hasSize(30);
		assertThat(html(web.get("/developer/apps/" + app.id())).select("a[href=/developer/apps/" + app.id() + "/traffic]"))
			.hasSize(1);
	}

	@Test
	void developerTrafficWhenAnotherOrganizationsDeveloperAsksThenNotFound() {
		var outsider = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		TestOrganizations.inGoodStanding(outsider.user(), organizations, legal);
		var web = signIn(outsider);

		var page = web.get("/developer/apps/" + app.id() + "/traffic");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain(app.name());
	}

	@Test
	void trafficPagesWhenACustomerAsksThenForbidden() {
		var customer = signIn(TestUsers.createWithTotp(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN));

		assertThat(customer.get("/operator/traffic").statusCode()).isEqualTo(403);
		assertThat(customer.get("/developer/apps/" + app.id() + "/traffic").statusCode()).isEqualTo(403);
	}

}
