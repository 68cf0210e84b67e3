package dev.gatehouse.identity;

import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordResetSystemTests extends FullStackTest {

	@Autowired
	Accounts accounts;

	@Test
	void resetWhenTheMailedLinkIsUsedThenTheNewPasswordWorksOnceAndSessionsEnd() {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var loggedIn = web();
		loggedIn.submitPassword(user.email(), TestUsers.PASSWORD);
		var web = web();
		web.get("/password-reset");

		var sent = web.post("/password-reset", Map.of("email", user.email()));
		String link = linkInMail(user.email(), "/password-reset");
		String token = URLDecoder.decode(link.replaceFirst(".*token=", ""), StandardCharsets.UTF_8);
		web.get(link);
		var tooShort = web.post("/password-reset/complete",
				Map.of("token", token, "newPassword", "short", "confirmPassword", "short"));
		var done = web.post("/password-reset/complete",
				Map.of("token", token, "newPassword", "a brand new passphrase", "confirmPassword", "a brand new passphrase"));

		assertThat(html(sent).select("[role=status]").text()).contains("If an account uses");
		assertThat(html(tooShort).select(".field-error").text()).contains("at least 12");
		assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?reset"));
		assertThat(location(web().submitPassword(user.email(), "a brand new passphrase"))).isEqualTo("/");
		assertThat(location(web().submitPassword(user.email(), TestUsers.PASSWORD))).isEqualTo("/login");
		assertThat(location(loggedIn.get("/account/security"))).isEqualTo("/login");
		assertThat(web().get(link).body()).contains("This link is unknown, already used");
	}

	@Test
	void requestWhenTheAddressHasNoAccountThenTheSameAnswerAndNoMail() {
		String nobody = TestUsers.randomEmail("nobody");
		var web = web();
		web.get("/password-reset");

		var answer = web.post("/password-reset", Map.of("email", nobody));

		assertThat(html(answer).select("[role=status]").text()).contains("If an account uses");
		assertThat(mailTo(nobody)).isEmpty();
	}

}
