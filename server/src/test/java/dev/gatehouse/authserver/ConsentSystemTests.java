package dev.gatehouse.authserver;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gatehouse's consent screen, installations and the consent ledger, over real HTTP. */
class ConsentSystemTests extends OAuthSystemTest {

	@Autowired
	Installations installations;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	AuditLog auditLog;

	@Test
	void consentWhenAdminAllowsThenInstallationLedgerRowAndTokenClaims() throws Exception {
		WebSession browser = loggedIn(admin);

		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());

		var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
		assertThat(installation.scopes()).containsExactly(SCOPE);
		var claims = oauth.verifiedClaims(tokens.get("access_token").asString());
		assertThat(claims.getStringClaim("installation_id")).isEqualTo(installation.id().toString());
		assertThat(claims.getStringClaim("customer_account_id")).isEqualTo(clinic.id().toString());
		assertThat(claims.getStringClaim("app_id")).isEqualTo(fixture.app().id().toString());
		assertThat(claims.getStringClaim("scope")).isEqualTo(SCOPE);
		assertThat(claims.getJWTID()).isNotBlank();
		var refreshed = oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString());
		assertThat(oauth.verifiedClaims(oauth.json(refreshed).get("access_token").asString())
			.getStringClaim("installation_id")).isEqualTo(installation.id().toString());

		List<ConsentRecord> records = ledger.ofAccount(clinic.id().value(), 10);
		assertThat(records).hasSize(1);
		ConsentRecord record = records.getFirst();
		assertThat(record.userEmail()).isEqualTo(admin.email());
		assertThat(record.installationId()).isEqualTo(installation.id().value());
		assertThat(record.scopes()).containsExactly(SCOPE);
		assertThat(record.scopesAdded()).containsExactly(SCOPE);
		assertThat(record.text()).contains("See your appointments").contains("https://reminders.example.com/privacy");
		assertThat(record.textSha256()).isEqualTo(sha256(record.text()));
		assertThat(record.privacyPolicyUrl()).isEqualTo("https://reminders.example.com/privacy");
		assertThat(record.policyVersion()).isNotBlank();
		assertThat(record.ip()).isEqualTo(browser.clientIp());
		assertThat(actions()).contains("marketplace.app.installed", "authserver.consent.recorded");
	}

	@Test
	void consentPageWhenShownThenItIsGatehousesOwnAndCannotBeFramed() {
		WebSession browser = loggedIn(admin);
		var response = browser.follow(browser.get(OAuthTestClient.authorizePath(client.clientId(), REDIRECT, SCOPE,
				OAuthTestClient.newVerifier())));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'")
				// The form's answer redirects to the app: only that origin is added to form-action.
				.contains("form-action 'self' https://reminders.example.com;"));
		var page = WebSession.html(response);
		assertThat(page.select("h1").text()).contains(fixture.app().name());
		assertThat(page.text()).contains("See your appointments")
			.contains("We read appointments to schedule the reminders.")
			.contains("Basic access");
		assertThat(page.select("a[href='https://reminders.example.com/privacy']")).hasSize(1);
		assertThat(page.select("a[href='https://reminders.example.com/support']")).hasSize(1);
		assertThat(page.select("input[name=customer_account]")).extracting(e -> e.attr("value"))
			.containsExactly(clinic.id().toString());
	}

	@Test
	void authorizeWhenAppAlreadyInstalledThenConsentIsStillShown() {
		WebSession browser = loggedIn(admin);
		oauth.authorize(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(), clinic.id().toString());

		var again = oauth.consentPage(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());

		assertThat(again.text()).contains("(installed)");
	}

	@Test
	void consentWhenScreenChangedSinceShownThenSentBackAndNothingIssued() {
		WebSession browser = loggedIn(admin);
		var page = oauth.consentPage(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());
		page.selectFirst("input[name=consent_hash]").attr("value", sha256("something else"));

		var answer = oauth.allow(browser, page, clinic.id().toString());

		assertThat(WebSession.location(answer)).isEqualTo("/oauth2/consent");
		assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("retry=changed");
		assertThat(installations.active(clinic.id(), fixture.app().id())).isEmpty();
		assertThat(ledger.ofAccount(clinic.id().value(), 10)).isEmpty();
		// The request is still open: the page shows again and can be allowed.
		var shownAgain = browser.follow(answer);
		assertThat(shownAgain.statusCode()).isEqualTo(200);
		var allowed = oauth.allow(browser, WebSession.html(shownAgain), clinic.id().toString());
		assertThat(allowed.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void consentWhenAccountIsNotTheUsersThenRefused() {
		UserAccount stranger = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		CustomerAccount other = customers.create("Other " + UUID.randomUUID(), stranger.id());
		WebSession browser = loggedIn(admin);
		var page = oauth.consentPage(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());

		var answer = oauth.allow(browser, page, other.id().toString());

		assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/oauth2/consent").contains("retry=account");
		assertThat(installations.active(other.id(), fixture.app().id())).isEmpty();
	}

	@Test
	void consentWhenMemberAndAppNotInstalledThenCannotGrant() {
		UserAccount member = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.addMember(clinic.id(), member.id(), CustomerRole.MEMBER);
		WebSession browser = loggedIn(member);

		var page = oauth.consentPage(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());

		assertThat(page.selectFirst("form#consent-form")).isNull();
		assertThat(page.text()).contains("you are not an admin");
		// Once an admin installed it, the member may connect within what was granted.
		oauth.authorize(loggedIn(admin), client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(),
				clinic.id().toString());
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		assertThat(tokens.get("access_token").asString()).isNotBlank();
		assertThat(ledger.ofAccount(clinic.id().value(), 10)).extracting(ConsentRecord::userEmail)
			.containsExactly(member.email(), admin.email());
	}

	@Test
	void consentWhenDeniedThenAccessDeniedToTheClientAndNothingInstalled() {
		WebSession browser = loggedIn(admin);
		var page = oauth.consentPage(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());
		var deny = page.selectFirst("form#deny-form");

		var answer = browser.postEncoded("/oauth2/authorize", OAuthTestClient.encode(Map.of("client_id",
				deny.selectFirst("input[name=client_id]").attr("value"), "state", deny.selectFirst("input[name=state]").attr("value"))));

		String location = answer.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?");
		assertThat(OAuthTestClient.query(location)).containsEntry("error", "access_denied").containsEntry("state", "client-state");
		assertThat(installations.active(clinic.id(), fixture.app().id())).isEmpty();
	}

	@Test
	void sandboxClientWhenAuthorizingThenOnlyItsOrganizationsSandboxAccountIsOffered() {
		IssuedSecret sandbox = credentials.issueClientSecret(fixture.app().id(), fixture.developer().id(), Environment.SANDBOX,
				null);
		customers.addMember(customers.sandboxOf(fixture.org()).orElseThrow().id(), admin.id(), CustomerRole.ADMIN);
		WebSession browser = loggedIn(admin);

		var page = oauth.consentPage(browser, sandbox.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());

		assertThat(page.select("input[name=customer_account]")).extracting(e -> e.attr("value"))
			.containsExactly(customers.sandboxOf(fixture.org()).orElseThrow().id().toString());
		var answer = oauth.allow(browser, page, clinic.id().toString());
		assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("retry=account");
	}

	@Test
	void uninstallWhenAdminThenEveryTokenOfTheInstallationStopsAtOnce() {
		WebSession browser = loggedIn(admin);
		var first = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		var second = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
		assertThat(oauth.active(client.clientId(), client.secret(), first.get("access_token").asString())).isTrue();

		var page = browser.get("/customer-accounts/" + clinic.id() + "/apps");
		assertThat(WebSession.html(page).select("#installed-apps").text()).contains(fixture.app().name());
		var uninstalled = browser.post("/customer-accounts/" + clinic.id() + "/apps/" + installation.id() + "/uninstall",
				Map.of());

		assertThat(uninstalled.statusCode()).isEqualTo(302);
		for (var tokens : List.of(first, second)) {
			assertThat(oauth.active(client.clientId(), client.secret(), tokens.get("access_token").asString())).isFalse();
			assertThat(oauth.error(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString())))
				.isEqualTo("invalid_grant");
		}
		assertThat(installations.active(clinic.id(), fixture.app().id())).isEmpty();
		assertThat(actions()).contains("marketplace.app.uninstalled");
		assertThat(WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/apps")).select("#consent-history tbody tr"))
			.hasSize(2);
	}

	@Test
	void uninstallWhenMemberOrStrangerThenRefused() {
		WebSession adminBrowser = loggedIn(admin);
		oauth.authorize(adminBrowser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(), clinic.id().toString());
		var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
		UserAccount member = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.addMember(clinic.id(), member.id(), CustomerRole.MEMBER);
		UserAccount stranger = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);

		WebSession memberBrowser = loggedIn(member);
		memberBrowser.get("/customer-accounts/" + clinic.id() + "/apps");
		var byMember = memberBrowser.post("/customer-accounts/" + clinic.id() + "/apps/" + installation.id() + "/uninstall",
				Map.of());
		WebSession strangerBrowser = loggedIn(stranger);
		assertThat(strangerBrowser.get("/customer-accounts/" + clinic.id() + "/apps").statusCode()).isEqualTo(404);

		assertThat(byMember.statusCode()).isEqualTo(403);
		assertThat(installations.active(clinic.id(), fixture.app().id())).isPresent();
	}

	@Test
	void newRevisionWithMoreScopesWhenInstalledThenNewScopeOnlyAfterConsentAgain() throws Exception {
		WebSession browser = loggedIn(admin);
		var before = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		var wider = withScopes(TestApps.complete(fixture.app().name()), new RequestedScope(SCOPE, "We read appointments to schedule the reminders.", null),
				new RequestedScope(TestApps.MARKETING.name(), "We share contacts with the partners that you choose in the settings.", null));
		registry.update(fixture.app().id(), fixture.developer().id(), wider);
		AppFixtures.approve(context, fixture);

		var refreshed = oauth.refresh(client.clientId(), client.secret(), before.get("refresh_token").asString());
		assertThat(oauth.verifiedClaims(oauth.json(refreshed).get("access_token").asString()).getStringClaim("scope"))
			.isEqualTo(SCOPE);
		String both = SCOPE + " " + TestApps.MARKETING.name();
		var page = oauth.consentPage(browser, client.clientId(), REDIRECT, both, OAuthTestClient.newVerifier());
		assertThat(page.text()).contains("asks for more: " + TestApps.MARKETING.name());
		assertThat(WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/apps")).text())
			.contains("Its current version asks for more: " + TestApps.MARKETING.name());

		var after = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, both, clinic.id().toString());

		assertThat(oauth.verifiedClaims(after.get("access_token").asString()).getStringClaim("scope").split(" "))
			.containsExactlyInAnyOrder(SCOPE, TestApps.MARKETING.name());
		assertThat(installations.active(clinic.id(), fixture.app().id()).orElseThrow().scopes())
			.containsExactlyInAnyOrder(SCOPE, TestApps.MARKETING.name());
		assertThat(ledger.ofAccount(clinic.id().value(), 10).getFirst().scopesAdded()).containsExactly(TestApps.MARKETING.name());
		assertThat(actions()).contains("marketplace.installation.scopes_granted");
	}

	@Test
	void consentWhenTheSameAdminAllowsTwiceAtOnceThenBothGetCodesAndOneInstallation() throws Exception {
		WebSession first = loggedIn(admin);
		WebSession second = loggedIn(admin);
		var firstPage = oauth.consentPage(first, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());
		var secondPage = oauth.consentPage(second, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier());

		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
			var a = pool.submit(() -> oauth.allow(first, firstPage, clinic.id().toString()));
			var b = pool.submit(() -> oauth.allow(second, secondPage, clinic.id().toString()));
			for (var answer : List.of(a.get(), b.get())) {
				assertThat(answer.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?code=");
			}
		}
		assertThat(jdbc.sql("select count(*) from marketplace.installations where account_id = :a")
			.param("a", clinic.id().value())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(ledger.ofAccount(clinic.id().value(), 10)).hasSize(2);
	}

	@Test
	void consentLedgerWhenRowChangedOrDeletedThenDatabaseRefuses() {
		oauth.authorize(loggedIn(admin), client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(), clinic.id().toString());

		assertThatThrownBy(() -> jdbc.sql("update authserver.consent_records set scopes = '{}' where account_id = :a")
			.param("a", clinic.id().value())
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from authserver.consent_records where account_id = :a")
			.param("a", clinic.id().value())
			.update()).hasMessageContaining("append-only");
	}

	private List<String> actions() {
		var actions = new ArrayList<String>();
		jdbc.sql("select id from marketplace.installations where account_id = :a")
			.param("a", clinic.id().value())
			.query(UUID.class)
			.list()
			.forEach(id -> auditLog.find(AuditQuery.forTarget("installation:" + id)).entries().forEach(e -> actions.add(e.action())));
		return actions;
	}

	private static AppDraft withScopes(AppDraft draft, RequestedScope... scopes) {
		var categories = new ArrayList<>(draft.dataUse().categories());
		categories.add(new DataUse.CategoryUse("contacts", List.of("share with partners the clinic picks"),
				LawfulBasis.CONSENT, "until consent is withdrawn", "EU"));
		var use = draft.dataUse();
		return new AppDraft(draft.appType(), draft.listing(), draft.redirectUris(), draft.webhookUrl(), List.of(scopes),
				new DataUse(categories, use.sharesWithThirdParties(), use.sharingDescription(), use.sellsData(),
						use.sensitiveCategories(), use.thirdPartySources(), use.handlesPayments(), use.paymentDescription()),
				draft.security());
	}

	private static String sha256(String text) throws RuntimeException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
