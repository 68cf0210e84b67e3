package dev.gatehouse;

import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilitySystemTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	@Test
	void healthWhenAskedThenLivenessAndReadinessAreUp() throws Exception {
		assertThat(get("/actuator/health/liveness", null).body()).contains("\"UP\"");
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusWhenOperatorTokenHasMetricsScopeThenMetricsAreServed() throws Exception {
		var operator = TestUsers.create(accounts, UserKind.OPERATOR, Role.SUPPORT);
		String token = tokens.create(operator.id(), "scraper", Set.of(ApiScope.METRICS_READ), 30).token();

		var metrics = get("/actuator/prometheus", token);

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
	}

	@Test
	void prometheusWhenTokenLacksTheScopeThenForbidden() throws Exception {
		var operator = TestUsers.create(accounts, UserKind.OPERATOR, Role.ADMIN);
		String token = tokens.create(operator.id(), "other", Set.of(ApiScope.PROFILE_READ), 30).token();

		assertThat(get("/actuator/prometheus", token).statusCode()).isEqualTo(403);
	}

	@Test
	void openApiWhenFetchedThenItIsVersion31AndListsTheApi() throws Exception {
		var doc = get("/v3/api-docs", null);

		assertThat(doc.statusCode()).isEqualTo(200);
		assertThat(doc.body()).contains("\"openapi\":\"3.1").contains("/api/v1/me").contains("/api/v1/audit/verify");
	}

	@Test
	void problemTypeWhenOpenedThenItExplainsItselfAndUnknownTypesAre404() throws Exception {
		var known = get("/problems/unknown-field", null);

		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.body()).contains("Unknown field");
		assertThat(get("/problems/no-such-type", null).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
