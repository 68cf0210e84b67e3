package dev.gatehouse.identity;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loginWhenPasswordAndTotpAreRightThenHomeOpensAndEventsAreRecorded() {
		var user = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);
		var web = new WebSession(port);

		var afterPassword = web.submitPassword(user.email(), TestUsers.PASSWORD);
		assertThat(location(afterPassword)).isEqualTo("/login/second-factor");
		web.get("/login/second-factor");
		var afterCode = web.post("/login/second-factor", Map.of("code", TestUsers.code(user.secret(), 0)));
		assertThat(location(afterCode)).isEqualTo("/");

		var home = web.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(html(home).select("h1").text()).contains("Welcome");
		assertThat(eventTypes(user.user().id())).contains("SECOND_FACTOR_SUCCEEDED", "LOGIN_SUCCEEDED");
		assertThat(lastEvent(user.user().id(), "LOGIN_SUCCEEDED")).containsEntry("ip", web.clientIp())
			.containsEntry("user_agent", "GatehouseTests/1.0");
	}

	@Test
	void loginWhenPasswordIsWrongThenSameAnswerAsForUnknownAccountAndFailureIsRecorded() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);

		var wrongPassword = web.submitPassword(user.email(), "not the password at all");
		var wrongPage = web.follow(wrongPassword);
		var unknown = new WebSession(port).submitPassword(TestUsers.randomEmail("nobody"), "whatever password");

		assertThat(location(wrongPassword)).isEqualTo("/login");
		assertThat(wrongPassword.headers().firstValue("Location")).isEqualTo(unknown.headers().firstValue("Location"));
		assertThat(html(wrongPage).select("[role=alert]").text()).isEqualTo("Wrong email or password.");
		assertThat(html(wrongPage).select("#username").attr("value")).isEqualTo(user.email());
		assertThat(lastEvent(user.id(), "LOGIN_FAILED")).containsEntry("reason", "wrong password");
	}

	@Test
	void loginWhenTooManyFailuresThenLockedEvenWithTheRightPasswordUntilTheLockExpires() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_MEMBER);
		for (int i = 0; i < 10; i++) {
			new WebSession(port).submitPassword(user.email(), "wrong password " + i);
		}
		var web = new WebSession(port);

		var locked = web.submitPassword(user.email(), TestUsers.PASSWORD);
		assertThat(locked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?throttled"));
		assertThat(eventTypes(user.id())).contains("LOCKED_OUT", "LOGIN_THROTTLED");
		Instant lockedUntil = jdbc.sql("select locked_until from identity.login_throttle where key = :key")
			.param("key", "account:" + user.email())
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(Duration.between(Instant.now(), lockedUntil)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));

		jdbc.sql("update identity.login_throttle set locked_until = now() - interval '1 second' where key = :key")
			.param("key", "account:" + user.email())
			.update();
		var afterExpiry = new WebSession(port).submitPassword(user.email(), TestUsers.PASSWORD);
		assertThat(location(afterExpiry)).isEqualTo("/");
	}

	@Test
	void loginWhenSessionExistedBeforeThenTheSessionIdChanges() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		web.get("/login");
		String before = web.sessionId();

		web.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));

		assertThat(before).isNotNull();
		assertThat(web.sessionId()).isNotNull().isNotEqualTo(before);
		assertThat(web.get("/account/security").statusCode()).isEqualTo(200);
	}

	@Test
	void secondFactorStepWhenPendingThenOtherPagesSendBackToTheStep() {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);

		var other = web.get("/account/security");

		assertThat(location(other)).isEqualTo("/login/second-factor");
		assertThat(web.get("/operator/users").statusCode()).isIn(302, 403);
	}

	@Test
	void secondFactorWhenRecoveryCodeUsedThenItWorksOnceOnly() {
		var user = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER);
		String code = user.recoveryCodes().getFirst();

		var first = new WebSession(port);
		first.submitPassword(user.email(), TestUsers.PASSWORD);
		first.get("/login/second-factor");
		assertThat(location(first.post("/login/second-factor", Map.of("code", code.toUpperCase())))).isEqualTo("/");

		var second = new WebSession(port);
		second.submitPassword(user.email(), TestUsers.PASSWORD);
		second.get("/login/second-factor");
		var refused = second.post("/login/second-factor", Map.of("code", code));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(html(refused).select("[role=alert]").text()).contains("not right");
		assertThat(eventTypes(user.user().id())).contains("RECOVERY_CODE_USED", "SECOND_FACTOR_FAILED");
		assertThat(accounts.remainingRecoveryCodes(user.user().id())).isEqualTo(9);
	}

	@Test
	void secondFactorWhenTheSameTotpCodeIsReplayedThenItIsRefused() {
		var user = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT);
		String code = TestUsers.code(user.secret(), 0);
		var first = new WebSession(port);
		first.submitPassword(user.email(), TestUsers.PASSWORD);
		first.get("/login/second-factor");
		assertThat(location(first.post("/login/second-factor", Map.of("code", code)))).isEqualTo("/");

		var replay = new WebSession(port);
		replay.submitPassword(user.email(), TestUsers.PASSWORD);
		replay.get("/login/second-factor");
		assertThat(replay.post("/login/second-factor", Map.of("code", code)).statusCode()).isEqualTo(200);
	}

	@Test
	void firstLoginWhenDeveloperHasNoSecondFactorThenEnrolmentIsRequiredAndRecoveryCodesShown() {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = new WebSession(port);

		assertThat(location(web.submitPassword(user.email(), TestUsers.PASSWORD))).isEqualTo("/login/enroll");
		var page = web.get("/login/enroll");
		String secret = html(page).select("#totp-secret").text();
		assertThat(html(page).select("img[alt^=QR]").attr("src")).startsWith("data:image/png;base64,");

		var wrong = web.post("/login/enroll", Map.of("code", "000000".equals(TestUsers.code(secret, 0)) ? "111111" : "000000"));
		assertThat(html(wrong).select("[role=alert]").text()).contains("does not match");
		var confirmed = web.post("/login/enroll", Map.of("code", TestUsers.code(secret, 0)));
		assertThat(location(confirmed)).isEqualTo("/login/enroll/recovery-codes");
		var codes = html(web.get("/login/enroll/recovery-codes")).select("#recovery-codes code");
		assertThat(codes).hasSize(10);
		assertThat(location(web.post("/login/enroll/done", Map.of()))).isEqualTo("/");
		assertThat(web.get("/account/security").statusCode()).isEqualTo(200);
		assertThat(accounts.find(user.id()).orElseThrow().secondFactorEnrolled()).isTrue();
	}

	@Test
	void firstLoginWhenPasswordIsOneTimeThenItMustBeChangedBeforeAnythingElse() {
		var user = accounts.create(new NewUserCommand(TestUsers.randomEmail("staff"), "Staff", UserKind.CUSTOMER,
				java.util.Set.of(Role.CUSTOMER_ADMIN), "one-time-password-1", true));
		var web = new WebSession(port);

		assertThat(location(web.submitPassword(user.email(), "one-time-password-1"))).isEqualTo("/login/password");
		assertThat(location(web.get("/"))).isEqualTo("/login/password");
		web.get("/login/password");
		var tooShort = web.post("/login/password",
				Map.of("currentPassword", "one-time-password-1", "newPassword", "short", "confirmPassword", "short"));
		assertThat(html(tooShort).select(".field-error").text()).contains("at least 12");
		var changed = web.post("/login/password", Map.of("currentPassword", "one-time-password-1", "newPassword",
				"a much better password", "confirmPassword", "a much better password"));
		assertThat(location(changed)).isEqualTo("/");
		assertThat(accounts.find(user.id()).orElseThrow().mustChangePassword()).isFalse();
	}

	@Test
	void disableWhenUserHasSessionsThenEverySessionEnds() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var one = new WebSession(port);
		var two = new WebSession(port);
		one.submitPassword(user.email(), TestUsers.PASSWORD);
		two.submitPassword(user.email(), TestUsers.PASSWORD);
		assertThat(one.get("/account/security").statusCode()).isEqualTo(200);

		accounts.disable(user.id());

		assertThat(location(one.get("/account/security"))).isEqualTo("/login");
		assertThat(location(two.get("/account/security"))).isEqualTo("/login");
		assertThat(location(new WebSession(port).submitPassword(user.email(), TestUsers.PASSWORD))).isEqualTo("/login");
	}

	@Test
	void logoutWhenLoggedInThenSessionEndsAndEventIsRecorded() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		web.get("/account/security");

		assertThat(location(web.post("/logout", Map.of()))).isEqualTo("/login");

		assertThat(location(web.get("/account/security"))).isEqualTo("/login");
		assertThat(eventTypes(user.id())).contains("LOGGED_OUT");
	}

	@Test
	void securityPageWhenCustomerTurnsOnTotpThenTheNextLoginAsksForACode() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		String secret = html(web.get("/account/second-factor")).select("#totp-secret").text();

		var codes = web.post("/account/second-factor", Map.of("code", TestUsers.code(secret, 0)));

		assertThat(html(codes).select("#recovery-codes code")).hasSize(10);
		assertThat(location(new WebSession(port).submitPassword(user.email(), TestUsers.PASSWORD)))
			.isEqualTo("/login/second-factor");
	}

	private java.util.List<String> eventTypes(UserId userId) {
		return jdbc.sql("select type from identity.login_events where user_id = :id order by id")
			.param("id", userId.value())
			.query(String.class)
			.list();
	}

	private Map<String, Object> lastEvent(UserId userId, String type) {
		return jdbc.sql("select * from identity.login_events where user_id = :id and type = :type order by id desc limit 1")
			.param("id", userId.value())
			.param("type", type)
			.query()
			.singleRow();
	}

}
