package dev.gatehouse.identity;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestUsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys end to end in Chromium, with its virtual authenticator (over CDP) standing in for the
 * device. WebAuthn checks the origin, so the server runs on a port chosen up front and the pages
 * are opened on {@code http://localhost:<port>}, which matches the relying party id
 * {@code localhost} and counts as a secure context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(Browsers.class)
class PasskeyBrowserTests {

	private static final int PORT = freePort();

	@DynamicPropertySource
	static void passkeyOrigin(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("gatehouse.identity.passkeys.rp-id", () -> "localhost");
		registry.add("gatehouse.identity.passkeys.allowed-origins", () -> "http://localhost:" + PORT);
	}

	@Autowired
	Accounts accounts;

	@Autowired
	LoginEventLog loginEvents;

	@Autowired
	AuditLog auditLog;

	@Test
	void passkeyLoginWhenRegisteredAfterPasswordAndTotpThenItAloneLogsIn(Page page) {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		addVirtualAuthenticator(page);
		logInWithPasswordAndTotp(page, user);

		addPasskey(page, "Test laptop");
		assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Your passkeys")))
			.containsText("Test laptop");
		logOut(page);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();

		assertThat(page).hasURL(Pattern.compile(".*:" + PORT + "/$"));
		assertThat(page.locator("h1")).containsText("Welcome");
		var events = loginEvents.find(LoginEventQuery.forUser(user.user().id(), 10));
		assertThat(events).anySatisfy(e -> {
			assertThat(e.type()).isEqualTo(LoginEventType.LOGIN_SUCCEEDED);
			assertThat(e.reason()).isEqualTo("passkey");
		});
		assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(LoginEventType.PASSKEY_SUCCEEDED));

		// And it can be taken away again.
		page.navigate(base() + "/account/security");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete passkey Test laptop")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("The passkey was deleted.");
		assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Your passkeys"))).hasCount(0);
		var actions = auditLog.find(AuditQuery.forTarget("user:" + user.user().id()))
			.entries()
			.stream()
			.map(e -> e.action())
			.toList();
		assertThat(actions).contains("identity.passkey.registered", "identity.passkey.deleted");
	}

	@Test
	void passkeyLoginWhenAccountIsDisabledThenThePasskeyIsRefused(Page page) {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		addVirtualAuthenticator(page);
		logInWithPasswordAndTotp(page, user);
		addPasskey(page, "Soon disabled");
		logOut(page);
		accounts.disable(user.user().id());

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();

		assertThat(page.getByRole(AriaRole.ALERT)).hasText("That passkey was not accepted.");
		assertThat(page).hasURL(Pattern.compile(".*/login(\\?logout)?$"));
		page.navigate(base() + "/");
		assertThat(page).hasURL(Pattern.compile(".*/login$"));
		assertThat(loginEvents.find(LoginEventQuery.forUser(user.user().id(), 10))).anySatisfy(e -> {
			assertThat(e.type()).isEqualTo(LoginEventType.PASSKEY_FAILED);
			assertThat(e.reason()).isEqualTo("account disabled");
		});
	}

	private static void addVirtualAuthenticator(Page page) {
		var cdp = page.context().newCDPSession(page);
		cdp.send("WebAuthn.enable");
		var options = new JsonObject();
		options.addProperty("protocol", "ctap2");
		options.addProperty("transport", "internal");
		options.addProperty("hasResidentKey", true);
		options.addProperty("hasUserVerification", true);
		options.addProperty("isUserVerified", true);
		options.addProperty("automaticPresenceSimulation", true);
		var params = new JsonObject();
		params.add("options", options);
		cdp.send("WebAuthn.addVirtualAuthenticator", params);
	}

	private static void logInWithPasswordAndTotp(Page page, TestUsers.Enrolled user) {
		page.navigate(base() + "/login");
		page.getByLabel("Email").fill(user.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		assertThat(page).hasURL(Pattern.compile(".*/login/second-factor$"));
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(user.secret(), 0));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
		assertThat(page.locator("h1")).containsText("Welcome");
	}

	private static void addPasskey(Page page, String label) {
		page.navigate(base() + "/account/security");
		page.getByLabel("Passkey name").fill(label);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a passkey")).click();
		assertThat(page).hasURL(Pattern.compile(".*/account/security\\?passkeyAdded#passkeys$"));
		assertThat(page.getByText("Your passkey was added.")).isVisible();
	}

	private static void logOut(Page page) {
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		assertThat(page).hasURL(Pattern.compile(".*/login\\?logout$"));
	}

	private static String base() {
		return "http://localhost:" + PORT;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
