package dev.gatehouse.identity;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Personal access tokens made on the account page: shown once, working, and bad input kept with its error. */
class AccountTokensPageSystemTests extends FullStackTest {

	@Autowired
	Accounts accounts;

	@Test
	void createWhenValidThenTheSecretIsShownOnceAndWorksOnTheApi() throws Exception {
		var user = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);
		var web = signIn(user);
		web.get("/account/security");

		var created = web.post("/account/tokens", Map.of("name", "metrics scraper", "scopes", "profile:read", "days", "30"));

		assertThat(created.statusCode()).isEqualTo(200);
		String token = html(created).select("#new-token").text();
		assertThat(token).startsWith(AccessTokens.PREFIX);
		var me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(user.email());
		assertThat(html(web.get("/account/security")).select("#new-token")).as("shown once").isEmpty();
	}

	@Test
	void createWhenDaysOutOfRangeThenFieldErrorAndTheNameStays() {
		var web = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN));
		web.get("/account/security");

		var refused = web.post("/account/tokens", Map.of("name", "too long lived", "scopes", "profile:read", "days", "9999"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(html(refused).select("#new-token")).isEmpty();
		assertThat(html(refused).select("#token-name").attr("value")).isEqualTo("too long lived");
		assertThat(html(refused).select("form[action$=/account/tokens]").text()).containsIgnoringCase("day");
	}

}
