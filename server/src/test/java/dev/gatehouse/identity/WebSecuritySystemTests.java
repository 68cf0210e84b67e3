package dev.gatehouse.identity;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSecuritySystemTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	@Test
	void pagesWhenServedThenTheyCannotBeFramedAndCarryStrictHeaders() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		var login = web.get("/login");
		web.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
		var page = web.get("/account/security");

		for (var response : java.util.List.of(login, page)) {
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Content-Security-Policy"))
				.hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		}
	}

	@Test
	void formPostWhenCsrfTokenIsMissingOrWrongThenRejected() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		web.get("/account/security");

		var missing = web.postRaw("/account/tokens", Map.of("name", "no csrf", "scopes", "profile:read", "days", "30"));
		var wrong = web.postRaw("/account/tokens",
				Map.of("name", "bad csrf", "scopes", "profile:read", "days", "30", "_csrf", "forged"));
		var loginWithoutToken = new WebSession(port).postRaw("/login",
				Map.of("username", user.email(), "password", TestUsers.PASSWORD));

		assertThat(missing.statusCode()).isEqualTo(403);
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(loginWithoutToken.statusCode()).isEqualTo(403);
		assertThat(tokens.list(user.id())).isEmpty();
	}

	@Test
	void operatorPagesWhenViewerIsNotAnAdminThenForbidden() {
		var customer = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var web = new WebSession(port);
		web.submitPassword(customer.email(), TestUsers.PASSWORD);

		assertThat(web.get("/operator/users").statusCode()).isEqualTo(403);
		assertThat(web.get("/operator/audit").statusCode()).isEqualTo(403);
		assertThat(web.get("/operator/login-events").statusCode()).isEqualTo(403);
	}

	@Test
	void pagesWhenAnonymousThenRedirectedToLogin() {
		var web = new WebSession(port);

		assertThat(location(web.get("/account/security"))).isEqualTo("/login");
		assertThat(web.get("/login").statusCode()).isEqualTo(200);
		assertThat(web.get("/actuator/health").statusCode()).isEqualTo(200);
	}

}
