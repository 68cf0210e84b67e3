package dev.gatehouse.apps;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppsApiSystemTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	AppCredentials credentials;

	@Autowired
	dev.gatehouse.developers.OrganizationSuspensions suspensions;

	UserAccount developer;

	OrganizationId org;

	String token;

	@BeforeEach
	void developerWithToken() {
		TestApps.defineScopes(catalogue);
		developer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		org = TestOrganizations.inGoodStanding(developer, organizations, legal).org();
		token = tokens.create(developer.id(), "ci", Set.of(ApiScope.APPS_READ, ApiScope.APPS_WRITE), 1).token();
	}

	@Test
	void createWhenDraftIsValidThenCreatedAndListed() throws Exception {
		String body = JSON.writeValueAsString(TestApps.complete(TestApps.uniqueName()));

		var created = send("POST", "/api/v1/organizations/" + org + "/apps", body);

		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode app = JSON.readTree(created.body());
		assertThat(app.get("app").get("status").asString()).isEqualTo("DRAFT");
		assertThat(app.get("draft").get("content").get("redirectUris").size()).isEqualTo(2);
		var list = JSON.readTree(send("GET", "/api/v1/apps", null).body());
		assertThat(list.findValuesAsString("id")).contains(app.get("app").get("id").asString());
	}

	@Test
	void createAndSubmitWhenTheOrganizationIsSuspendedThenProblemNamingTheSuspension() throws Exception {
		var created = JSON.readTree(send("POST", "/api/v1/organizations/" + org + "/apps",
				JSON.writeValueAsString(TestApps.complete(TestApps.uniqueName()))).body());
		String id = created.get("app").get("id").asString();
		suspensions.suspend(org, "compliance", "Fake reviews across the organization");

		var create = send("POST", "/api/v1/organizations/" + org + "/apps",
				JSON.writeValueAsString(TestApps.complete(TestApps.uniqueName())));
		var submit = send("POST", "/api/v1/apps/" + id + "/submit", null);

		for (var response : java.util.List.of(create, submit)) {
			assertThat(response.statusCode()).isEqualTo(422);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-input");
			assertThat(problem.get("errors").findValuesAsString("message")).singleElement()
				.satisfies(message -> assertThat(message).contains("suspended"));
		}
		assertThat(JSON.readTree(send("GET", "/api/v1/apps", null).body()).findValuesAsString("id")).containsExactly(id);
	}

	@Test
	void submitWhenIncompleteThenUnprocessableListingEveryField() throws Exception {
		var draft = TestApps.complete(TestApps.uniqueName());
		var created = JSON.readTree(send("POST", "/api/v1/organizations/" + org + "/apps", JSON.writeValueAsString(draft)).body());
		String id = created.get("app").get("id").asString();

		var response = send("POST", "/api/v1/apps/" + id + "/submit", null);

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-input");
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("logo");
	}

	@Test
	void logoAndSecretsWhenDoneThroughTheApiThenTheAppCanBeSubmittedAndItsClientAuthenticates() throws Exception {
		var created = JSON.readTree(send("POST", "/api/v1/organizations/" + org + "/apps",
				JSON.writeValueAsString(TestApps.complete(TestApps.uniqueName()))).body());
		String id = created.get("app").get("id").asString();

		var logo = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/apps/" + id + "/logo"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "image/png")
			.POST(HttpRequest.BodyPublishers.ofByteArray(TestApps.logoPng(256)))
			.build(), HttpResponse.BodyHandlers.ofString());
		var secret = JSON.readTree(send("POST", "/api/v1/apps/" + id + "/credentials/SANDBOX/secrets", null).body());

		assertThat(logo.statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/v1/apps/" + id + "/submit", null).statusCode()).isEqualTo(200);
		assertThat(credentials.authenticate(secret.get("clientId").asString(), secret.get("secret").asString())).isPresent();
		assertThat(send("GET", "/api/v1/apps/" + id + "/credentials", null).body()).doesNotContain(secret.get("secret").asString());
	}

	@Test
	void createWhenRedirectUriIsInvalidThenEveryProblemIsNamed() throws Exception {
		var draft = TestApps.withRedirects(TestApps.complete(TestApps.uniqueName()),
				java.util.List.of("http://evil.example.com/cb", "https://ok.example.com/cb#frag"));

		var response = send("POST", "/api/v1/organizations/" + org + "/apps", JSON.writeValueAsString(draft));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field"))
			.containsExactly("redirectUris[0]", "redirectUris[1]");
	}

	@Test
	void getWhenTheAppBelongsToAnotherOrganizationThenNotFound() throws Exception {
		var other = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var otherOrg = TestOrganizations.inGoodStanding(other, organizations, legal).org();
		var registryApp = JSON.readTree(send("POST", "/api/v1/organizations/" + org + "/apps",
				JSON.writeValueAsString(TestApps.complete(TestApps.uniqueName()))).body());
		String otherToken = tokens.create(other.id(), "ci", Set.of(ApiScope.APPS_READ), 1).token();

		var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/apps/"
				+ registryApp.get("app").get("id").asString())).header("Authorization", "Bearer " + otherToken).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
