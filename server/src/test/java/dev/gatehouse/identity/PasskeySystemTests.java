package dev.gatehouse.identity;

import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/** The passkey endpoints over HTTP, where no browser is needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasskeySystemTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	LoginEventLog loginEvents;

	@Test
	void registrationOptionsWhenOnlyThePasswordWasRightThenRefused() {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = new WebSession(port);
		assertThat(location(web.submitPassword(user.email(), TestUsers.PASSWORD))).isEqualTo("/login/second-factor");
		web.get("/login/second-factor");

		var options = web.post("/webauthn/register/options", Map.of());

		assertThat(options.statusCode()).isEqualTo(403);
		assertThat(options.body()).doesNotContain("challenge");
	}

	@Test
	void registrationOptionsWhenLoginIsCompleteThenAskForUserVerificationAndADiscoverableKey() {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		assertThat(location(web.post("/login/second-factor", Map.of("code", TestUsers.code(user.secret(), 0)))))
			.isEqualTo("/");
		web.get("/account/security");

		var options = web.post("/webauthn/register/options", Map.of());

		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(options.body()).contains("\"challenge\"", "\"name\":\"" + user.email() + "\"")
			.contains("\"userVerification\":\"required\"", "\"residentKey\":\"required\"");
	}

	@Test
	void passkeyLoginWhenTheAnswerIsNotAPasskeyThenUnauthorizedAndRecorded() {
		var web = new WebSession(port);
		web.get("/login");

		var login = web.post("/login/webauthn", Map.of());

		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(web.get("/").statusCode()).isEqualTo(302);
		assertThat(loginEvents.find(new LoginEventQuery(null, null, LoginEventType.PASSKEY_FAILED, web.clientIp(), null,
				null, 10, 0)))
			.singleElement()
			.satisfies(e -> assertThat(e.reason()).isEqualTo("no valid passkey response"));
	}

}
