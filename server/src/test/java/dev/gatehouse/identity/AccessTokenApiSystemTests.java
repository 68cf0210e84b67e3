package dev.gatehouse.identity;

import dev.gatehouse.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessTokenApiSystemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void meWhenTokenIsValidThenOwnerIsReturnedAndLastUseRecorded() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var token = tokens.create(user.id(), "ci", Set.of(ApiScope.PROFILE_READ), 30);

		var response = send(get("/api/v1/me").header("Authorization", "Bearer " + token.token()));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("email").asString()).isEqualTo(user.email());
		assertThat(body.get("tokenScopes").toString()).isEqualTo("[\"profile:read\"]");
		assertThat(tokens.list(user.id()).getFirst().lastUsedAt()).isNotNull();
	}

	@Test
	void apiWhenNoTokenThenUnauthorizedProblemWithBearerChallenge() throws Exception {
		var response = send(get("/api/v1/me"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
		assertProblem(response, "/problems/authentication-required");
	}

	@Test
	void apiWhenTokenIsForgedRevokedOrExpiredThenInvalidToken() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var revoked = tokens.create(user.id(), "revoked", Set.of(ApiScope.PROFILE_READ), 30);
		tokens.revoke(user.id(), revoked.info().id());
		var expired = tokens.create(user.id(), "expired", Set.of(ApiScope.PROFILE_READ), 30);
		jdbc.sql("update identity.access_tokens set expires_at = now() - interval '1 minute' where id = :id")
			.param("id", java.util.UUID.fromString(expired.info().id()))
			.update();
		var valid = tokens.create(user.id(), "valid", Set.of(ApiScope.PROFILE_READ), 30);
		String forged = valid.token().substring(0, valid.token().length() - 4) + "AAAA";

		for (String token : new String[] { revoked.token(), expired.token(), forged, "gh_pat_nonsense" }) {
			var response = send(get("/api/v1/me").header("Authorization", "Bearer " + token));
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					h -> assertThat(h).contains("invalid_token"));
			assertProblem(response, "/problems/invalid-token");
		}
	}

	@Test
	void apiWhenTokenOwnerIsDisabledThenTokenStopsWorking() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var token = tokens.create(user.id(), "ci", Set.of(ApiScope.PROFILE_READ), 30);
		accounts.disable(user.id());

		assertThat(send(get("/api/v1/me").header("Authorization", "Bearer " + token.token())).statusCode()).isEqualTo(401);
	}

	@Test
	void apiWhenScopeIsMissingThenForbiddenWithInsufficientScope() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var token = tokens.create(user.id(), "ci", Set.of(ApiScope.TOKENS_MANAGE), 30);

		var response = send(get("/api/v1/me").header("Authorization", "Bearer " + token.token()));

		assertThat(response.statusCode()).isEqualTo(403);
		assertProblem(response, "/problems/insufficient-scope");
	}

	@Test
	void apiWhenTokenIsInTheQueryStringThenItIsNotAccepted() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var token = tokens.create(user.id(), "ci", Set.of(ApiScope.PROFILE_READ), 30);

		var response = send(get("/api/v1/me?access_token=" + token.token()));

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				c -> assertThat(c).startsWith("application/problem+json"));
	}

	@Test
	void createTokenWhenJsonIsMalformedThenProblemMalformedJson() throws Exception {
		var response = post(manageToken(), "{\"name\": \"x\", ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertProblem(response, "/problems/malformed-json");
	}

	@Test
	void createTokenWhenBodyHasAnUnknownFieldThenProblemNamesTheField() throws Exception {
		var response = post(manageToken(),
				"{\"name\":\"x\",\"scopes\":[\"profile:read\"],\"expiresInDays\":5,\"admin\":true}");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = assertProblem(response, "/problems/unknown-field");
		assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("admin");
	}

	@Test
	void createTokenWhenFieldsBreakTheRulesThenUnprocessableWithFieldErrors() throws Exception {
		var response = post(manageToken(), "{\"name\":\"\",\"scopes\":[],\"expiresInDays\":0}");

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode body = assertProblem(response, "/problems/invalid-input");
		assertThat(body.get("errors").findValuesAsString("field")).contains("name", "scopes", "expiresInDays");
	}

	@Test
	void createTokenWhenScopeIsBeyondTheOwnersKindThenRefused() throws Exception {
		var response = post(manageToken(), "{\"name\":\"x\",\"scopes\":[\"audit:read\"],\"expiresInDays\":5}");

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response, "/problems/invalid-input");
	}

	@Test
	void createTokenWhenScopeIsWiderThanTheCallingTokenThenRefused() throws Exception {
		var response = post(manageToken(), "{\"name\":\"x\",\"scopes\":[\"profile:read\"],\"expiresInDays\":5}");

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("scopes");
	}

	@Test
	void createTokenWhenValidThenSecretIsReturnedOnceAndWorks() throws Exception {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		String both = tokens.create(user.id(), "both", EnumSet.of(ApiScope.TOKENS_MANAGE, ApiScope.PROFILE_READ), 1).token();
		var response = post(both, "{\"name\":\"deploy\",\"scopes\":[\"profile:read\"],\"expiresInDays\":7}");

		assertThat(response.statusCode()).isEqualTo(201);
		String secret = JSON.readTree(response.body()).get("secret").asString();
		assertThat(secret).startsWith("gh_pat_");
		assertThat(send(get("/api/v1/me").header("Authorization", "Bearer " + secret)).statusCode()).isEqualTo(200);
	}

	private String manageToken() {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		return tokens.create(user.id(), "manage", EnumSet.of(ApiScope.TOKENS_MANAGE), 1).token();
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
	}

	private HttpResponse<String> post(String token, String json) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode assertProblem(HttpResponse<String> response, String type) {
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				c -> assertThat(c).startsWith("application/problem+json"));
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("type").asString()).isEqualTo(type);
		assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.gatehouse");
		return body;
	}

}
