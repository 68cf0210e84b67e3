package dev.gatehouse.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppSanctions;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.gateway.GatewayTestRoutes;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.samples.clinic.ClinicApi;
import dev.gatehouse.samples.clinic.ClinicSeed;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.TestUsers;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Each enforcement action over real HTTP: what it does to token issuance, refresh, the gateway in
 * front of the sample clinic API and the marketplace; who is told; and that reinstatement gives
 * access back. Every step leaves its audit rows.
 */
class EnforcementActionsSystemTests extends OAuthSystemTest {

	static final ClinicApi CLINIC = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0));

	@Autowired
	Violations violations;

	@Autowired
	GatewayRoutes routes;

	@Autowired
	AppSanctions sanctions;

	@Autowired
	OrganizationSuspensions suspensions;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	String patient;

	@BeforeEach
	void clinicRoutesAndListing() {
		GatewayTestRoutes.ensure(routes, CLINIC.baseUrl());
		patient = ClinicSeed.patientId(clinic.id().toString(), 3);
		registry.publish(fixture.app().id(), "test");
	}

	@Test
	void appSuspensionStopsIssueRefreshGatewayAndListingTellsExactlyTheInstallersAndReinstatementRestores() {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		assertThat(gateway(access)).isEqualTo(200);
		UserAccount outsider = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.create("Other clinic " + UUID.randomUUID().toString().substring(0, 8), outsider.id());
		Violation violation = openAgainstTheApp();
		int adminMail = mailCount(admin.email());
		int developerMail = mailCount(fixture.developer().email());

		var action = violations.decide(violation.id(),
				new Violations.Decision(PenaltyAction.APP_SUSPENSION, "Patient data sent to an undisclosed processor.", null, Set.of()),
				"compliance@example.com");

		assertThat(action.noticeGiven()).isTrue();
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.SUSPENDED);
		assertThat(awaitGateway(access, s -> s == 401)).isEqualTo(401);
		assertThat(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString()).statusCode())
			.isIn(400, 401);
		assertThat(clientCredentials().statusCode()).isIn(400, 401);
		assertThat(web().get("/marketplace/apps/" + slug()).statusCode()).isEqualTo(404);
		assertThat(mailSince(admin.email(), adminMail)).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).isEqualTo(fixture.app().name() + " was suspended"));
		assertThat(notifications.inbox(admin.id().value(), 10)).anySatisfy(i -> assertThat(i.title()).contains("was suspended"));
		assertThat(mailTo(outsider.email())).isEmpty();
		assertThat(notifications.inbox(outsider.id().value(), 10)).isEmpty();
		assertThat(mailSince(fixture.developer().email(), developerMail)).singleElement()
			.satisfies(m -> assertThat(text(m)).contains("Patient data sent to an undisclosed processor.", "Remediate by"));
		assertThat(violations.notices(violation.id())).extracting(Notice::audience).containsExactlyInAnyOrder("developer", "customer");

		violations.reinstate(violation.id(), "The processor is disclosed and approved.", "compliance@example.com");

		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.PUBLISHED);
		assertThat(web().get("/marketplace/apps/" + slug()).statusCode()).isEqualTo(200);
		assertThat(clientCredentials().statusCode()).isEqualTo(200);
		assertThat(gatewayAfterRefresh(tokens.get("refresh_token").asString())).isEqualTo(200);
		assertThat(violations.require(violation.id()).status()).isEqualTo(ViolationStatus.REINSTATED);
		assertThat(audit("violation:" + violation.id())).contains("enforcement.violation.opened",
				"enforcement.action.taken", "enforcement.notice.sent", "enforcement.violation.reinstated");
		assertThat(audit("app:" + fixture.app().id())).contains("apps.app.status_changed");
	}

	@Test
	void tokenRevocationCutsExistingTokensButTheAppMayGetNewOnes() {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		assertThat(gateway(access)).isEqualTo(200);
		int adminMail = mailCount(admin.email());

		violations.decide(openAgainstTheApp().id(),
				new Violations.Decision(PenaltyAction.TOKEN_REVOCATION, "Tokens leaked in a public repository.", null, Set.of()),
				"compliance@example.com");

		assertThat(awaitGateway(access, s -> s == 401)).isEqualTo(401);
		assertThat(oauth.error(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString())))
			.isEqualTo("invalid_grant");
		assertThat(oauth.active(client.clientId(), client.secret(), access)).isFalse();
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.PUBLISHED);
		assertThat(clientCredentials().statusCode()).isEqualTo(200);
		assertThat(web().get("/marketplace/apps/" + slug()).statusCode()).isEqualTo(200);
		assertThat(mailSince(admin.email(), adminMail)).isEmpty();
		assertThat(audit("app:" + fixture.app().id())).contains("apps.tokens.revoked");
	}

	@Test
	void scopeRestrictionNarrowsNewTokensCutsWiderOnesAndIsLiftedOnReinstatement() {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		Violation violation = openAgainstTheApp();

		violations.decide(violation.id(),
				new Violations.Decision(PenaltyAction.SCOPE_RESTRICTION, "Appointments read far beyond the declared use.", null,
						Set.of(SCOPE)),
				"compliance@example.com");

		assertThat(sanctions.withdrawnScopes(fixture.app().id())).containsExactly(SCOPE);
		assertThat(awaitGateway(access, s -> s == 401)).isEqualTo(401);
		assertThat(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString()).statusCode())
			.isIn(400, 401);
		assertThat(oauth.error(clientCredentials())).isEqualTo("invalid_scope");

		violations.reinstate(violation.id(), "Use limited to what is declared.", "compliance@example.com");

		assertThat(sanctions.withdrawnScopes(fixture.app().id())).isEmpty();
		assertThat(clientCredentials().statusCode()).isEqualTo(200);
		assertThat(audit("app:" + fixture.app().id())).contains("apps.scopes.restricted", "apps.scopes.restored");
	}

	@Test
	void delistingRemovesTheListingOnlyAndTellsTheInstallers() {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		int adminMail = mailCount(admin.email());

		violations.decide(openAgainstTheApp().id(),
				new Violations.Decision(PenaltyAction.DELISTING, "Listing claims an endorsement it does not have.", null, Set.of()),
				"compliance@example.com");

		assertThat(web().get("/marketplace/apps/" + slug()).statusCode()).isEqualTo(404);
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.APPROVED);
		assertThat(gateway(access)).isEqualTo(200);
		assertThat(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString()).statusCode())
			.isEqualTo(200);
		assertThat(mailSince(admin.email(), adminMail)).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).endsWith("was removed from the marketplace"));
	}

	@Test
	void appBlockWithoutNoticeRefusesTokensAndTheGatewayAndRecordsThatNoNoticeWasGiven() {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		Violation violation = openAgainstTheApp();
		int adminMail = mailCount(admin.email());
		int developerMail = mailCount(fixture.developer().email());

		assertThatThrownBy(() -> violations.decide(violation.id(),
				new Violations.Decision(PenaltyAction.WARNING, "Careful.", false, Set.of()), "compliance@example.com"))
			.isInstanceOf(InputRejectedException.class);
		var action = violations.decide(violation.id(),
				new Violations.Decision(PenaltyAction.APP_BLOCK, "Malware found in the app's webhook handler.", false, Set.of()),
				"compliance@example.com");

		assertThat(action.noticeGiven()).isFalse();
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.BLOCKED);
		assertThat(awaitGateway(access, s -> s == 401)).isEqualTo(401);
		assertThat(clientCredentials().statusCode()).isIn(400, 401);
		assertThat(mailSince(fixture.developer().email(), developerMail)).isEmpty();
		assertThat(mailSince(admin.email(), adminMail)).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).endsWith("was blocked"));
		assertThat(jdbc.sql("""
				select details from auditlog.audit_events where target = :t and action = 'enforcement.action.taken'""")
			.param("t", "violation:" + violation.id())
			.query(String.class)
			.single()).contains("\"noticeGiven\":false", "app-block");
	}

	@Test
	void developerSuspensionCutsEveryAppOfTheOrganizationInOneStepAndIsReversible() throws Exception {
		JsonNode tokens = installedTokens();
		String access = tokens.get("access_token").asString();
		App second = registry.create(fixture.org(), fixture.developer().id(), TestApps.complete(TestApps.uniqueName()));
		AppFixtures.approve(context, new AppFixtures.DraftApp(fixture.developer(), fixture.org(), second));
		IssuedSecret secondClient = credentials.issueClientSecret(second.id(), fixture.developer().id(),
				Environment.PRODUCTION, null);
		assertThat(clientCredentials(secondClient).statusCode()).isEqualTo(200);
		Violation violation = violations.open(new Violations.NewViolation(clause(), "organization",
				fixture.org().toString(), "reviewer", "Fake reviews bought for every app.", List.of(), List.of(), false,
				false), "compliance@example.com");

		var action = violations.decide(violation.id(), new Violations.Decision(PenaltyAction.DEVELOPER_SUSPENSION,
				"Fraudulent reviews across the organization.", null, Set.of()), "compliance@example.com");

		assertThat(action.affected()).containsOnlyKeys(fixture.app().id().toString(), second.id().toString());
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.SUSPENDED);
		assertThat(registry.require(second.id()).status()).isEqualTo(AppStatus.SUSPENDED);
		assertThat(suspensions.suspended(fixture.org())).isTrue();
		assertThat(awaitGateway(access, s -> s == 401)).isEqualTo(401);
		assertThat(clientCredentials().statusCode()).isIn(400, 401);
		assertThat(clientCredentials(secondClient).statusCode()).isIn(400, 401);
		assertThatThrownBy(() -> registry.create(fixture.org(), fixture.developer().id(),
				TestApps.complete(TestApps.uniqueName()))).isInstanceOf(InputRejectedException.class);
		assertThat(audit("organization:" + fixture.org())).contains("developers.organization.suspended");

		violations.reinstate(violation.id(), "Reviews removed; controls in place.", "compliance@example.com");

		assertThat(suspensions.suspended(fixture.org())).isFalse();
		assertThat(registry.require(fixture.app().id()).status()).isEqualTo(AppStatus.PUBLISHED);
		assertThat(registry.require(second.id()).status()).isEqualTo(AppStatus.APPROVED);
		assertThat(clientCredentials(secondClient).statusCode()).isEqualTo(200);
		assertThat(gatewayAfterRefresh(tokens.get("refresh_token").asString())).isEqualTo(200);
		assertThat(audit("organization:" + fixture.org())).contains("developers.organization.reinstated");
	}

	@Test
	void developerSuspensionAlsoStopsTheSandboxClientOfAnAppNotApprovedYetAndReinstatementGivesItBack() {
		App draft = registry.create(fixture.org(), fixture.developer().id(), TestApps.complete(TestApps.uniqueName()));
		IssuedSecret sandbox = credentials.issueClientSecret(draft.id(), fixture.developer().id(), Environment.SANDBOX, null);
		assertThat(clientCredentials(sandbox).statusCode()).isEqualTo(200);
		Violation violation = violations.open(new Violations.NewViolation(clause(), "organization",
				fixture.org().toString(), "reviewer", "Fake reviews bought for every app.", List.of(), List.of(), false,
				false), "compliance@example.com");

		var action = violations.decide(violation.id(), new Violations.Decision(PenaltyAction.DEVELOPER_SUSPENSION,
				"Fraudulent reviews across the organization.", null, Set.of()), "compliance@example.com");

		assertThat(action.affected()).doesNotContainKey(draft.id().toString());
		assertThat(registry.require(draft.id()).status()).isEqualTo(AppStatus.DRAFT);
		assertThat(oauth.error(clientCredentials(sandbox))).isEqualTo("invalid_client");
		// Tokens it already holds are revoked, so the gateway refuses them too.
		assertThat(audit("app:" + draft.id())).contains("apps.tokens.revoked");

		violations.reinstate(violation.id(), "Reviews removed; controls in place.", "compliance@example.com");

		assertThat(clientCredentials(sandbox).statusCode()).isEqualTo(200);
	}

	private Violation openAgainstTheApp() {
		return violations.open(new Violations.NewViolation(clause(), "app", fixture.app().id().toString(), "reviewer",
				"Found in review.", List.of("https://evidence.example.com/1"), List.of(), false, false),
				"compliance@example.com");
	}

	/** A clause of the pack in force (any: these tests choose the action themselves). */
	private String clause() {
		return violations.clauses().isEmpty() ? "DP-5" : violations.clauses().getFirst().id();
	}

	private String slug() {
		return registry.require(fixture.app().id()).slug();
	}

	private JsonNode installedTokens() {
		return oauth.tokensFor(loggedIn(admin), client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
	}

	private HttpResponse<String> clientCredentials() {
		return clientCredentials(client);
	}

	private HttpResponse<String> clientCredentials(IssuedSecret secret) {
		return oauth.token(secret.clientId(), secret.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
	}

	private int gateway(String token) {
		try {
			return http.send(HttpRequest.newBuilder(oauth.uri("/platform/v1/patients/" + patient))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The gateway's answer once it satisfies {@code done}: every node reads revocations within a second. */
	private int awaitGateway(String token, IntPredicate done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		int status = gateway(token);
		while (!done.test(status) && System.nanoTime() < deadline) {
			sleep(50);
			status = gateway(token);
		}
		return status;
	}

	/**
	 * Refreshes, then calls the gateway with the new token. A token issued in the second after a
	 * revocation is still refused (the token endpoint's client cache may lag), so this refreshes again
	 * until the gateway accepts one, for at most five seconds.
	 */
	private int gatewayAfterRefresh(String refreshToken) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		String refresh = refreshToken;
		int status;
		do {
			var response = oauth.refresh(client.clientId(), client.secret(), refresh);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode fresh = oauth.json(response);
			refresh = fresh.get("refresh_token").asString();
			status = gateway(fresh.get("access_token").asString());
			if (status != 200) {
				sleep(300);
			}
		}
		while (status != 200 && System.nanoTime() < deadline);
		return status;
	}

	private int mailCount(String to) {
		return mailTo(to).size();
	}

	private List<jakarta.mail.internet.MimeMessage> mailSince(String to, int count) {
		var all = mailTo(to);
		return all.subList(Math.min(count, all.size()), all.size());
	}

	private List<String> audit(String target) {
		return jdbc.sql("select action from auditlog.audit_events where target = :t order by seq")
			.param("t", target)
			.query(String.class)
			.list();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
