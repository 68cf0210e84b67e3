package dev.gatehouse.demo;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.StandingState;
import dev.gatehouse.support.WebSession;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile seeds what the README promises, and its logins work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "gatehouse.db.data-dir=${java.io.tmpdir}/gatehouse-demo-test")
@ActiveProfiles("demo")
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class DemoDataSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments documents;

	@Autowired
	DemoLogins logins;

	@Autowired
	dev.gatehouse.marketplace.CustomerAccounts customers;

	@Autowired
	dev.gatehouse.marketplace.Installations installations;

	@Autowired
	dev.gatehouse.authserver.ConsentLedger ledger;

	@Test
	void demoWhenSeededThenTheClinicHasRemindersInstalledAndItsClientGetsTokens() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var installed = installations.ofAccount(clinic.id());
		assertThat(installed).singleElement().satisfies(i -> assertThat(i.scopes()).containsExactly("appointments:read",
				"messages:send"));
		assertThat(ledger.ofAccount(clinic.id().value(), 10)).singleElement()
			.satisfies(r -> assertThat(r.text()).contains("Northwind Reminders"));

		var client = logins.loadClients().getFirst();
		var oauth = new dev.gatehouse.support.OAuthTestClient(port);
		var token = oauth.token(client.clientId(), client.secret(),
				Map.of("grant_type", "client_credentials", "scope", "appointments:read"));
		assertThat(token.statusCode()).isEqualTo(200);
	}

	@Test
	void demoWhenSeededThenOneOrganizationIsInGoodStandingAndAnotherMustReaccept() {
		var dana = accounts.findByEmail("dev@northwind-apps.example").orElseThrow();
		var bea = accounts.findByEmail("dev@bluebird-labs.example").orElseThrow();
		var northwind = organizations.membershipsOf(dana.id()).getFirst().organization();
		var bluebird = organizations.membershipsOf(bea.id()).getFirst().organization();

		assertThat(northwind.verified()).isTrue();
		assertThat(documents.standing(northwind.id())).allSatisfy(s -> assertThat(s.state()).isEqualTo(StandingState.ACCEPTED));
		assertThat(documents.standing(bluebird.id()).stream().filter(s -> s.kind() == DocumentKind.ACCEPTABLE_USE))
			.singleElement()
			.satisfies(s -> assertThat(s.state()).isEqualTo(StandingState.REACCEPT_BY_DEADLINE));
	}

	@Test
	void demoPageWhenOpenedThenItsCodesLogTheAdminIn() {
		var admin = logins.load().stream().filter(l -> l.email().equals("admin@gatehouse.demo")).findFirst().orElseThrow();
		var web = new WebSession(port);

		assertThat(web.get("/demo").body()).contains("admin@gatehouse.demo");
		web.submitPassword(admin.email(), admin.password());
		web.get("/login/second-factor");
		var done = web.post("/login/second-factor", Map.of("code", DemoLogins.code(admin.totpSecret(), 1)));

		assertThat(WebSession.location(done)).isEqualTo("/");
	}

	@Autowired
	dev.gatehouse.accesslog.AccessLog accessLog;

	@Autowired
	DemoTraffic traffic;

	@Test
	void demoWhenSeededThenRemindersHasDaysOfTrafficSeededOnlyOnce() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var reminders = installations.ofAccount(clinic.id()).getFirst();
		var to = java.time.Instant.now().plusSeconds(60);
		var from = to.minus(DemoTraffic.SPAN).minusSeconds(120);
		java.util.function.LongSupplier calls = () -> accessLog
			.traffic(reminders.appId().value(), from, to, java.time.Duration.ofHours(1))
			.stream()
			.mapToLong(dev.gatehouse.accesslog.TrafficBucket::calls)
			.sum();
		long seeded = calls.getAsLong();

		traffic.run(null);
		accessLog.flush();

		assertThat(seeded).isGreaterThan(1_000);
		assertThat(calls.getAsLong()).isEqualTo(seeded);
		assertThat(accessLog.lastCalls(java.util.List.of(reminders.id().value()))).containsKey(reminders.id().value());
		assertThat(accessLog.scopesUsed(reminders.appId().value(), from, to)).containsExactly("appointments:read",
				"messages:send");
	}

}
