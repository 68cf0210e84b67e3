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

	static final dev.gatehouse.samples.clinic.ClinicApi CLINIC = dev.gatehouse.samples.clinic.ClinicApi
		.start(new java.net.InetSocketAddress("127.0.0.1", 0));

	@org.springframework.test.context.DynamicPropertySource
	static void clinicApi(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("gatehouse.samples.clinic-api-url", CLINIC::baseUrl);
	}

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

	@Autowired
	dev.gatehouse.webhooks.Webhooks webhooks;

	@Test
	void demoWhenSeededThenTheClinicHasRemindersInstalledAndItsClientGetsTokens() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var installed = installations.ofAccount(clinic.id());
		assertThat(installed).singleElement().satisfies(i -> assertThat(i.scopes()).containsExactly("appointments:read",
				"messages:send"));
		assertThat(ledger.ofAccount(clinic.id().value(), 10)).singleElement()
			.satisfies(r -> assertThat(r.text()).contains("Northwind Reminders"));

		assertThat(webhooks.deliveries(installed.getFirst().appId(), 10)).extracting(d -> d.eventType())
			.contains("webhook.test");
		var client = logins.loadClients().getFirst();
		var oauth = new dev.gatehouse.support.OAuthTestClient(port);
		var token = oauth.token(client.clientId(), client.secret(),
				Map.of("grant_type", "client_credentials", "scope", "appointments:read"));
		assertThat(token.statusCode()).isEqualTo(200);
	}

	@Test
	void demoPageWhenVisitorFollowsTheWalkthroughThenTheAppCallsTheClinicApiThroughTheGateway() {
		var page = WebSession.html(new WebSession(port).get("/demo"));
		String authorize = java.net.URI.create(page.selectFirst("#try-authorize").attr("href")).getRawPath() + "?"
				+ java.net.URI.create(page.selectFirst("#try-authorize").attr("href")).getRawQuery();
		String exchange = page.selectFirst("#try-exchange").text();
		String verifier = exchange.replaceAll(".*code_verifier=(\\S+).*", "$1");
		var client = logins.loadClients().getFirst();
		var oauth = new dev.gatehouse.support.OAuthTestClient(port);
		var browser = new WebSession(port);
		assertThat(browser.submitPassword("owner@riverside-clinic.example", DemoData.PASSWORD).statusCode()).isEqualTo(302);

		var consent = browser.follow(browser.get(authorize));
		var redirect = oauth.allow(browser, WebSession.html(consent), null);
		var code = dev.gatehouse.support.OAuthTestClient.query(redirect.headers().firstValue("Location").orElseThrow()).get("code");
		var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", DemoController.REDIRECT_URI, "code_verifier", verifier));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		var call = oauth.send(java.net.http.HttpRequest.newBuilder(oauth.uri("/platform/v1/appointments?limit=3"))
			.header("Authorization", "Bearer " + oauth.json(tokens).get("access_token").asString()));

		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		assertThat(call.body()).contains("apt_");
		assertThat(page.selectFirst("#try-call").text()).contains("/platform/v1/appointments");
		// The page's second command: the same call on the gateway's dedicated listener.
		String listenerUrl = page.selectFirst("#try-call-listener").text().replaceAll(".*(http://\\S+).*", "$1");
		var onListener = oauth.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(listenerUrl.replace("localhost", "127.0.0.1")))
			.header("Authorization", "Bearer " + oauth.json(tokens).get("access_token").asString()));
		assertThat(onListener.statusCode()).as(onListener.body()).isEqualTo(200);
		assertThat(onListener.body()).contains("apt_");
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
		accessLog.flush();
		long seeded = calls.getAsLong();

		traffic.run(null);
		accessLog.flush();

		assertThat(seeded).isGreaterThan(1_000);
		assertThat(calls.getAsLong()).isEqualTo(seeded);
		assertThat(accessLog.lastCalls(java.util.List.of(reminders.id().value()))).containsKey(reminders.id().value());
		assertThat(accessLog.scopesUsed(reminders.appId().value(), from, to)).containsExactly("appointments:read",
				"messages:send");
	}

	@Autowired
	DemoPrivacy demoPrivacy;

	@Autowired
	dev.gatehouse.privacy.PrivacyRequests privacy;

	@Autowired
	DemoEnforcement demoEnforcement;

	@Autowired
	dev.gatehouse.enforcement.Violations violations;

	@Autowired
	dev.gatehouse.enforcement.AbuseReports abuseReports;

	@Test
	void demoWhenSeededThenAViolationAwaitsADecisionAndAnAbuseReportTriageOnlyOnce() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var reminders = installations.ofAccount(clinic.id()).getFirst();

		demoEnforcement.run(null);

		assertThat(violations.ofSubject("app", reminders.appId().toString()))
			.filteredOn(v -> v.source().equals("check.url-reachable"))
			.singleElement()
			.satisfies(v -> assertThat(v.status()).isEqualTo(dev.gatehouse.enforcement.ViolationStatus.PROPOSED));
		assertThat(abuseReports.ofApp(reminders.appId())).singleElement()
			.satisfies(r -> assertThat(r.reporterId()).isEqualTo(owner.id().value()));
	}

	@Test
	void demoWhenSeededThenRiversideHasOneErasureRequestWithRemindersNotifiedOnlyOnce() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var reminders = installations.ofAccount(clinic.id()).getFirst();

		demoPrivacy.run(null);

		assertThat(privacy.ofAccount(clinic.id(), 10)).singleElement().satisfies(request -> {
			assertThat(request.kind()).isEqualTo(dev.gatehouse.privacy.RequestKind.ERASURE);
			assertThat(request.subjectIds()).singleElement().asString().startsWith("patient-");
			assertThat(privacy.recipients(request.id())).singleElement().satisfies(r -> {
				assertThat(r.appId()).isEqualTo(reminders.appId().value());
				assertThat(r.status()).isEqualTo(dev.gatehouse.privacy.RecipientStatus.NOTIFIED);
			});
		});
		assertThat(webhooks.deliveries(reminders.appId(), 10)).extracting(d -> d.eventType())
			.contains("subject.erasure_requested");
	}

	@Autowired
	DemoIncident demoIncident;

	@Autowired
	dev.gatehouse.incidents.Incidents incidents;

	@Test
	void demoWhenSeededThenRemindersHasOneOpenIncidentWhoseBlastRadiusIsTheClinicSeededOnlyOnce() {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		var reminders = installations.ofAccount(clinic.id()).getFirst();

		demoIncident.run(null);

		assertThat(incidents.ofApp(reminders.appId(), 10)).singleElement().satisfies(incident -> {
			assertThat(incident.open()).isTrue();
			assertThat(incident.selfReported()).isTrue();
			var snapshot = incidents.currentSnapshot(incident.id()).orElseThrow();
			assertThat(snapshot.subjects()).isGreaterThan(10);
			assertThat(incidents.affectedAccounts(snapshot.id())).extracting(a -> a.accountId())
				.containsExactly(clinic.id().value());
			assertThat(incidents.campaigns(incident.id())).singleElement()
				.satisfies(c -> assertThat(c.status()).isEqualTo(dev.gatehouse.incidents.Campaign.Status.DRAFT));
		});
	}

	@Test
	void demoWhenDetectorsRunThenNorthwindRecallHasAProbingFindingAndAScopeSuggestion(
			@Autowired dev.gatehouse.monitoring.Monitoring monitoring, @Autowired dev.gatehouse.apps.AppRegistry apps,
			@Autowired dev.gatehouse.enforcement.Findings findings) {
		var recall = apps.search(DemoMonitoring.RECALL, null, 5, 0).stream()
			.filter(a -> a.name().equals(DemoMonitoring.RECALL)).findFirst().orElseThrow();

		monitoring.runNow("compliance@gatehouse.demo");

		assertThat(findings.forSubject("app", recall.id().toString()))
			.anySatisfy(f -> assertThat(f.evidence()).containsEntry("mechanism", "check.anomaly.probing"));
		assertThat(monitoring.scopeSuggestion(recall.id()).orElseThrow().unused()).containsExactly("messages:send");
	}

	@Test
	void demoWhenSeededThenNorthwindRecallIsThrottledAndTheAdminCanLiftItFromTheMonitoringPage(
			@Autowired dev.gatehouse.gateway.Throttles throttles, @Autowired dev.gatehouse.apps.AppRegistry apps) {
		var recall = apps.search(DemoMonitoring.RECALL, null, 5, 0).stream()
			.filter(a -> a.name().equals(DemoMonitoring.RECALL)).findFirst().orElseThrow();
		var throttle = throttles.active().stream().filter(t -> t.appId().equals(recall.id().value())).findFirst()
			.orElseThrow();
		var admin = dev.gatehouse.support.TestUsers.createWithTotp(accounts, dev.gatehouse.identity.UserKind.OPERATOR,
				dev.gatehouse.identity.Role.ADMIN);
		var web = new dev.gatehouse.support.WebSession(port);
		web.submitPassword(admin.email(), dev.gatehouse.support.TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", java.util.Map.of("code", dev.gatehouse.support.TestUsers.code(admin.secret(), 0)));

		var page = dev.gatehouse.support.WebSession.html(web.get("/operator/monitoring"));

		assertThat(page.select("#throttle-" + throttle.id() + " button").text()).isEqualTo("Lift throttle");
	}

	@Autowired
	dev.gatehouse.review.Reviews reviews;

	@Autowired
	dev.gatehouse.review.AppChecks checks;

	@Autowired
	dev.gatehouse.review.Audits audits;

	@Autowired
	dev.gatehouse.apps.AppRegistry registry;

	@Test
	void demoWhenSeededThenASubmissionWaitsWithMixedResultsAndAnAuditHasOpenEvidenceRequests() throws Exception {
		var insights = registry.search("Northwind Insights", dev.gatehouse.apps.AppStatus.SUBMITTED, 5, 0).getFirst();
		var review = reviews.latest(insights.id()).orElseThrow();
		assertThat(review.status()).isEqualTo(dev.gatehouse.review.ReviewStatus.WAITING);
		java.time.Instant until = java.time.Instant.now().plusSeconds(120);
		while (checks.pending(review.revisionId()) && java.time.Instant.now().isBefore(until)) {
			checks.runQueuedNow();
			Thread.sleep(200);
		}
		var run = checks.latestDone(review.revisionId()).orElseThrow();
		assertThat(checks.results(run.id())).extracting(dev.gatehouse.review.CheckResult::outcome)
			.contains(dev.gatehouse.review.CheckOutcome.PASS, dev.gatehouse.review.CheckOutcome.FAIL,
					dev.gatehouse.review.CheckOutcome.NOT_APPLICABLE);
		var reminders = registry.search("Northwind Reminders", dev.gatehouse.apps.AppStatus.PUBLISHED, 5, 0).getFirst();
		assertThat(audits.ofApp(reminders.id())).anySatisfy(a -> assertThat(a.open()).isTrue());
		assertThat(audits.evidenceRequests(reminders.id())).isNotEmpty()
			.allSatisfy(r -> assertThat(r.status()).isEqualTo("OPEN"));
	}

}
