package dev.gatehouse.authserver;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.TestUsers;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer installs a published app from the marketplace in a real browser. The third-party
 * app's setup page (on its https site) is played by the browser's request routing; its OAuth
 * callback is a real loopback web server that redeems the code over real HTTP.
 */
@ExtendWith(Browsers.class)
class InstallFromMarketplaceBrowserTests extends FullStackTest {

	static final String APP_SITE = "https://reminders.example.com";

	@Autowired
	ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	Accounts accounts;

	@Autowired
	CustomerAccounts customers;

	@Autowired
	Installations installations;

	@Test
	void installWhenCustomerAdminLogsInAndAllowsThenTheAppGetsTokensForTheInstallation(Page page) throws Exception {
		var fixture = AppFixtures.draftApp(context);
		registry.update(fixture.app().id(), fixture.developer().id(), dev.gatehouse.support.OAuthSystemTest
			.withRedirectUris(TestApps.complete(fixture.app().name()), java.util.List.of("http://127.0.0.1:3000/callback")));
		AppFixtures.approve(context, fixture);
		registry.publish(fixture.app().id(), "operator");
		IssuedSecret client = credentials.issueClientSecret(fixture.app().id(), fixture.developer().id(), Environment.PRODUCTION,
				null);
		UserAccount admin = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var clinic = customers.create("Clinic " + UUID.randomUUID().toString().substring(0, 8), admin.id());
		var oauth = new OAuthTestClient(port);
		try (var app = SampleApp.start(oauth, client)) {
			// The setup page is on the app's https site: the browser's routing plays it.
			page.route(url -> url.startsWith(APP_SITE + "/setup"), route -> {
				String issuer = OAuthTestClient.query(route.request().url()).get("iss");
				route.fulfill(new Route.FulfillOptions().setStatus(302).setHeaders(Map.of("Location", issuer
						+ OAuthTestClient.authorizePath(client.clientId(), app.redirectUri(), TestApps.READ_APPOINTMENTS.name(),
								app.verifier()))));
			});
			String slug = registry.require(fixture.app().id()).slug();

			page.navigate(oauth.issuer() + "/marketplace/apps/" + slug);
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Install")).click();
			page.getByLabel("Email").fill(admin.email());
			page.getByLabel("Password").fill(TestUsers.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

			assertThat(page).hasURL(Pattern.compile(".*/oauth2/consent\\?.*"));
			assertThat(page.locator("h1")).containsText(fixture.app().name());
			assertThat(page.getByText(TestApps.READ_APPOINTMENTS.description())).isVisible();
			assertThat(page.getByLabel(clinic.name())).isChecked();
			org.assertj.core.api.Assertions.assertThat(dev.gatehouse.support.Accessibility.violations(page)).isEmpty();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();

			assertThat(page.locator("#connected")).hasText("Connected");
			var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
			assertThat(app.callbackIssuer()).isEqualTo(oauth.issuer());
			assertThat(app.installationClaim()).isEqualTo(installation.id().toString());
		}
		page.navigate(oauth.issuer() + "/customer-accounts/" + clinic.id() + "/apps");
		assertThat(page.locator("#installed-apps")).containsText(fixture.app().name());
		assertThat(page.locator("#consent-history")).containsText(admin.email());
	}

	/**
	 * The app's back end on loopback: its OAuth callback redeems the code at the token endpoint
	 * over real HTTP (with its PKCE verifier and client secret) and shows "Connected".
	 */
	record SampleApp(HttpServer server, String verifier, AtomicReference<String> issuer,
			AtomicReference<String> installation) implements AutoCloseable {

		static SampleApp start(OAuthTestClient oauth, IssuedSecret client) throws IOException {
			var app = new SampleApp(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), OAuthTestClient.newVerifier(),
					new AtomicReference<>(), new AtomicReference<>());
			app.server.createContext("/callback", exchange -> {
				var answer = OAuthTestClient.query(exchange.getRequestURI().toString());
				app.issuer.set(answer.get("iss"));
				var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "authorization_code", "code",
						answer.get("code"), "redirect_uri", app.redirectUri(), "code_verifier", app.verifier()));
				String page = "Failed";
				if (tokens.statusCode() == 200) {
					app.installation.set(readClaim(oauth, oauth.json(tokens).get("access_token").asString()));
					page = "Connected";
				}
				byte[] body = ("<!DOCTYPE html><html lang=\"en\"><title>App</title><p id=\"connected\">" + page + "</p></html>")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			app.server.start();
			return app;
		}

		String redirectUri() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
		}

		String callbackIssuer() {
			return issuer.get();
		}

		String installationClaim() {
			return installation.get();
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

	private static String readClaim(OAuthTestClient oauth, String token) {
		try {
			return oauth.verifiedClaims(token).getStringClaim("installation_id");
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
