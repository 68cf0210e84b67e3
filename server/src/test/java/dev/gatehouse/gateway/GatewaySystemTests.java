package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.CallQuery;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.samples.clinic.ClinicApi;
import dev.gatehouse.samples.clinic.ClinicSeed;
import dev.gatehouse.shared.crypto.SecretBox;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.WebSession;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gateway over real HTTP in front of the sample clinic API: what reaches the upstream, and
 * every way a call is refused.
 */
class GatewaySystemTests extends OAuthSystemTest {

	static final ClinicApi CLINIC = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0));

	@Autowired
	GatewayRoutes routes;

	@Autowired
	Installations installations;

	@Autowired
	Findings findings;

	@Autowired
	LegalDocuments documents;

	@Autowired
	SecretBox box;

	@Autowired
	AccessLog accessLog;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	String patient;

	@BeforeEach
	void clinicRoutes() {
		GatewayTestRoutes.ensure(routes, CLINIC.baseUrl());
		patient = ClinicSeed.patientId(clinic.id().toString(), 3);
	}

	@Test
	void callWhenTokenValidThenForwardedAsTheGatewayVerifiedIt() {
		String token = installedToken();

		var response = call("GET", "/platform/v1/patients/" + patient, token, null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains(patient);
		var received = CLINIC.received().stream()
			.filter(r -> response.headers().firstValue("X-Request-Id").orElseThrow().equals(r.header("X-Request-Id")))
			.findFirst()
			.orElseThrow();
		assertThat(received.path()).isEqualTo("/v1/patients/" + patient);
		assertThat(received.hasHeader("Authorization")).isFalse();
		assertThat(received.header("X-Gatehouse-Account")).isEqualTo(clinic.id().toString());
		assertThat(received.header("X-Gatehouse-App")).isEqualTo(fixture.app().id().toString());
		assertThat(received.header("X-Gatehouse-Installation"))
			.isEqualTo(installations.active(clinic.id(), fixture.app().id()).orElseThrow().id().toString());
		assertThat(response.headers().firstValue("X-Data-Subjects")).isEmpty();
		assertThat(response.headers().firstValue("RateLimit")).isPresent();
		assertThat(response.headers().firstValue("RateLimit-Policy")).isPresent();
		assertThat(meters.get("gatehouse.gateway.calls").tag("route", "gwtest.patients.read").tag("outcome", "forwarded")
			.timer().count()).isPositive();
	}

	@Test
	void callWhenRouteIsDeprecatedWithASunsetThenTheAnswerCarriesTheSunsetHeader() {
		String token = installedToken();

		var legacy = call("GET", "/platform/v0/appointments", token, null);
		var current = call("GET", "/platform/v1/patients/" + patient, token, null);

		assertThat(legacy.statusCode()).isEqualTo(200);
		assertThat(legacy.headers().firstValue("Sunset")).contains("Wed, 30 Jun 2027 00:00:00 GMT");
		assertThat(current.headers().firstValue("Sunset")).isEmpty();
	}

	@Test
	void callWhenForwardedThenTimedOnceByTheGatewayNotAlsoAsAServerRequest() throws Exception {
		String token = installedToken();
		Thread.sleep(200);
		long before = serverRequests();

		assertThat(call("GET", "/platform/v1/patients/" + patient, token, null).statusCode()).isEqualTo(200);
		Thread.sleep(200);

		assertThat(serverRequests()).isEqualTo(before);
	}

	private long serverRequests() {
		return meters.find("http.server.requests").timers().stream().mapToLong(t -> t.count()).sum();
	}

	@Test
	void callWhenAppSpoofsGatewayHeadersThenUpstreamSeesOnlyTheVerifiedOnes() {
		String token = installedToken();
		String otherAccount = java.util.UUID.randomUUID().toString();

		var response = send(HttpRequest.newBuilder(uri("/platform/v1/patients/" + patient))
			.header("Authorization", "Bearer " + token)
			.header("X-Gatehouse-Account", otherAccount));

		assertThat(response.statusCode()).isEqualTo(200);
		var received = CLINIC.lastReceived();
		assertThat(received.headers().get("X-Gatehouse-Account")).containsExactly(clinic.id().toString());
	}

	@Test
	void callsWhenForwardedOrRefusedThenAccessLogKeepsThemWithTheSubjectsTheyTouched() {
		String token = installedToken();
		Instant from = Instant.now().minusSeconds(1);
		var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
		// The last id in sort order: never on the first page of five, which lists the lowest ids.
		String other = ClinicSeed.patientIds(clinic.id().toString())
			.stream()
			.sorted()
			.filter(id -> !id.equals(patient))
			.reduce((first, second) -> second)
			.orElseThrow();

		assertThat(call("GET", "/platform/v1/patients/" + patient, token, null).statusCode()).isEqualTo(200);
		var list = call("GET", "/platform/v1/patients?limit=5", token, null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(call("GET", "/platform/v1/appointments", token, null).statusCode()).isEqualTo(403);
		Instant to = Instant.now().plusSeconds(1);
		// Each call is queued for the access log just after its answer is sent.
		long deadline = System.nanoTime() + 3_000_000_000L;
		do {
			accessLog.flush();
		}
		while (accessLog.calls(CallQuery.between(from, to, 100).installation(installation.id().value())).size() < 3
				&& System.nanoTime() < deadline && sleepThen(true));

		var touches = accessLog.appsTouchingSubject(clinic.id().value(), patient, from, to);
		assertThat(touches).singleElement().satisfies(touch -> {
			assertThat(touch.appId()).isEqualTo(fixture.app().id().value());
			assertThat(touch.installationId()).isEqualTo(installation.id().value());
			assertThat(touch.dataCategories()).contains("contact", "health");
			// Read alone and as the first patients of the page (ids sort, so patient 3 may or may not be in it).
			assertThat(touch.calls()).isBetween(1L, 2L);
		});
		assertThat(accessLog.appsTouchingSubject(clinic.id().value(), other, from, to))
			.as("a patient the app never read").isEmpty();
		var calls = accessLog.calls(CallQuery.between(from, to, 100).installation(installation.id().value()));
		assertThat(calls).hasSize(3);
		var listed = calls.stream().filter(c -> "gwtest.patients.list".equals(c.routeId())).findFirst().orElseThrow();
		assertThat(listed.subjectIds()).hasSize(5);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.responseBytes()).isPositive();
		assertThat(listed.scopes()).containsExactly(GatewayTestRoutes.HELD_SCOPE);
		var refused = calls.stream().filter(c -> "gwtest.appointments.list".equals(c.routeId())).findFirst().orElseThrow();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.rejection()).isEqualTo("insufficient_scope");
		assertThat(refused.subjectIds()).isEmpty();
		var customerPage = WebSession.html(loggedIn(admin).get("/customer-accounts/" + clinic.id() + "/apps"));
		assertThat(customerPage.select("#installed-apps tbody tr").text()).doesNotContain("never");
	}

	@Test
	void callsWhenNoVerifiedTokenThenCountedInMetricsButNotWrittenToTheAccessLog() {
		Instant from = Instant.now().minusSeconds(5);
		accessLog.flush();
		long before = loggedSince(from);
		long refused = invalidTokenCalls();

		for (int i = 0; i < 5; i++) {
			assertThat(call("GET", "/platform/v1/patients/" + patient, "not-a-token-" + i, null).statusCode()).isEqualTo(401);
		}
		// The timer, then the access log, are written just after the answer is sent.
		long deadline = System.nanoTime() + 2_000_000_000L;
		while (invalidTokenCalls() < refused + 5 && System.nanoTime() < deadline) {
			sleep(20);
		}
		sleep(100);
		accessLog.flush();

		assertThat(invalidTokenCalls()).isEqualTo(refused + 5);
		assertThat(loggedSince(from)).isEqualTo(before);
	}

	private long invalidTokenCalls() {
		return meters.get("gatehouse.gateway.calls").tag("outcome", "invalid_token").timers().stream()
			.mapToLong(t -> t.count())
			.sum();
	}

	private long loggedSince(Instant from) {
		return accessLog.traffic(null, from, Instant.now().plusSeconds(60), Duration.ofMinutes(5))
			.stream()
			.mapToLong(b -> b.calls())
			.sum();
	}

	@Test
	void callWhenNoTokenThen401WithBearerChallengeAndProblem() {
		var response = call("GET", "/platform/v1/patients/" + patient, null, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"platform\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		assertThat(oauth.json(response).get("type").asString()).isEqualTo("/problems/authentication-required");
	}

	@Test
	void callWhenSignatureTamperedThenInvalidToken() {
		String token = installedToken();
		String[] parts = token.split("\\.");
		char last = parts[2].charAt(10);
		String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A')
				+ parts[2].substring(11);

		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, tampered, null), "signature");
	}

	@Test
	void callWhenClaimsChangedUnderAnotherSignatureThenInvalidToken() {
		String token = installedToken();
		String[] parts = token.split("\\.");
		String otherAccountClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace(clinic.id().toString(),
						java.util.UUID.randomUUID().toString()).getBytes());

		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, parts[0] + "." + otherAccountClaims + "." + parts[2], null),
				"signature");
	}

	@Test
	void callWhenExpiredThenInvalidToken() throws Exception {
		String expired = tokens().resign(installedToken(), claims -> claims
			.issueTime(Date.from(Instant.now().minusSeconds(3600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(120))));

		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, expired, null), "expired");
	}

	@Test
	void callWhenAudienceIsAnotherThenInvalidToken() throws Exception {
		String elsewhere = tokens().resign(installedToken(), claims -> claims.audience("https://another-api.example"));

		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, elsewhere, null), "audience");
	}

	@Test
	void callWhenIssuerIsAnotherThenInvalidToken() throws Exception {
		String foreign = tokens().resign(installedToken(), claims -> claims.issuer("https://issuer.example"));

		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, foreign, null), "issuer");
	}

	@Test
	void callWhenAlgorithmIsNotAllowedThenInvalidToken() throws Exception {
		assertInvalidToken(call("GET", "/platform/v1/patients/" + patient, tokens().hmac(installedToken()), null), "algorithm");
	}

	@Test
	void callWhenScopeMissingThen403InsufficientScopeNamingIt() {
		var response = call("GET", "/platform/v1/appointments", installedToken(), null);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"" + GatewayTestRoutes.MISSING_SCOPE + "\"");
		assertThat(oauth.json(response).get("type").asString()).isEqualTo("/problems/insufficient-scope");
	}

	@Test
	void callWhenClientCredentialsTokenThenOnlyAppLevelRoutes() {
		var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
		String appToken = oauth.json(tokens).get("access_token").asString();

		var accountRoute = call("GET", "/platform/v1/patients/" + patient, appToken, null);
		var appRoute = call("GET", "/platform/health", appToken, null);

		assertThat(accountRoute.statusCode()).isEqualTo(403);
		assertThat(oauth.json(accountRoute).get("type").asString()).isEqualTo("/problems/installation-required");
		assertThat(appRoute.statusCode()).isEqualTo(200);
	}

	@Test
	void callWhenAppSuspendedThenRefusedWithinOneSecond() {
		String token = installedToken();
		assertThat(call("GET", "/platform/v1/patients/" + patient, token, null).statusCode()).isEqualTo(200);

		registry.changeStatus(fixture.app().id(), AppStatus.SUSPENDED, "operator@test", "gateway test");

		assertThat(millisUntil401(token)).isLessThan(1000);
		assertThat(oauth.json(call("GET", "/platform/v1/patients/" + patient, token, null)).get("detail").asString())
			.contains("suspended");
	}

	@Test
	void callWhenInstallationRemovedThenRefusedWithinOneSecond() {
		String token = installedToken();
		var installation = installations.active(clinic.id(), fixture.app().id()).orElseThrow();
		assertThat(call("GET", "/platform/v1/patients/" + patient, token, null).statusCode()).isEqualTo(200);

		installations.uninstall(installation.id(), admin.id(), admin.email());

		assertThat(millisUntil401(token)).isLessThan(1000);
		assertThat(oauth.json(call("GET", "/platform/v1/patients/" + patient, token, null)).get("detail").asString())
			.contains("uninstalled");
	}

	@Test
	void callWhenTokenRevokedByItsClientThenRefusedWithinOneSecond() {
		String token = installedToken();
		assertThat(call("GET", "/platform/v1/patients/" + patient, token, null).statusCode()).isEqualTo(200);

		var revoked = oauth.form("/oauth2/revoke", OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", token, "token_type_hint", "access_token"));
		assertThat(revoked.statusCode()).isEqualTo(200);

		assertThat(millisUntil401(token)).isLessThan(1000);
	}

	@Test
	void callWhenRateLimitReachedThen429WithRetryAfterAndRateLimitHeaders() {
		String token = installedToken();
		HttpResponse<String> limited = null;
		int allowed = 0;
		for (int i = 0; i < 400 && limited == null; i++) {
			var response = call("GET", "/platform/health", token, null);
			if (response.statusCode() == 429) {
				limited = response;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
				allowed++;
			}
		}

		assertThat(limited).as("a 429 within 400 calls").isNotNull();
		assertThat(allowed).isGreaterThan(0);
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		assertThat(limited.headers().firstValue("RateLimit").orElseThrow()).contains("r=0");
		assertThat(oauth.json(limited).get("type").asString()).isEqualTo("/problems/rate-limited");
	}

	@Test
	void callWhenTokenInQueryStringThen400() {
		var response = call("GET", "/platform/v1/patients/" + patient + "?access_token=" + installedToken(), null, null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(oauth.json(response).get("type").asString()).isEqualTo("/problems/token-in-query");
	}

	@Test
	void callWhenPathHasDotSegmentsThen400AndNothingForwarded() {
		String token = installedToken();
		CLINIC.clearReceived();

		var response = call("GET", "/platform/v1/patients/%2e%2e/appointments", token, null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(CLINIC.received()).isEmpty();
	}

	@Test
	void callWhenNoRouteOrWrongMethodThen404Or405() {
		String token = installedToken();

		assertThat(call("GET", "/platform/v1/nothing-here", token, null).statusCode()).isEqualTo(404);
		assertThat(call("PUT", "/platform/v1/patients/" + patient, token, "{}").statusCode()).isEqualTo(405);
	}

	@Test
	void callWhenUpstreamDownThen502Problem() {
		var response = call("GET", "/platform/v1/unreachable", installedToken(), null);

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(oauth.json(response).get("type").asString()).isEqualTo("/problems/upstream-unavailable");
	}

	@Test
	void writeWhenBodyCarriesCardNumberThenFindingAndThePacksMode() {
		String token = installedToken();
		String body = """
				{"patientId":"%s","channel":"sms","body":"Your card 4111 1111 1111 1111 is on file"}""".formatted(patient);

		var response = call("POST", "/platform/v1/messages", token, body);

		assertThat(response.statusCode()).isEqualTo(blocking() ? 422 : 202);
		var finding = awaitFinding("card_number");
		assertThat(finding.summary()).contains("card number");
		assertThat(finding.toString()).doesNotContain("4111 1111 1111 1111").doesNotContain("4111111111111111");
	}

	@Test
	void writeWhenBodyCarriesPasswordFieldThenFinding() {
		String token = installedToken();
		String body = """
				{"patientId":"%s","channel":"email","body":"Welcome","password":"hunter2"}""".formatted(patient);

		var response = call("POST", "/platform/v1/messages", token, body);

		assertThat(response.statusCode()).isIn(blocking() ? List.of(422) : List.of(202, 400));
		assertThat(awaitFinding("password").source()).isEqualTo("guard.payload-scan");
	}

	@Test
	void writeWhenBodyIsCleanThenNoFinding() throws Exception {
		String token = installedToken();
		String body = """
				{"patientId":"%s","channel":"sms","body":"See you on 2026-12-03 at 10:30, call 555 0100 1234"}""".formatted(patient);

		assertThat(call("POST", "/platform/v1/messages", token, body).statusCode()).isEqualTo(202);
		Thread.sleep(300);
		assertThat(findings.forSubject("app", fixture.app().id().toString())).isEmpty();
	}

	private boolean blocking() {
		return documents.currentPack()
			.orElseThrow()
			.clauses()
			.stream()
			.flatMap(c -> c.mechanisms().stream())
			.anyMatch(m -> m.id().equals("guard.payload-scan") && "block".equals(m.params().get("mode")));
	}

	private dev.gatehouse.enforcement.Finding awaitFinding(String kind) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			var found = findings.forSubject("app", fixture.app().id().toString())
				.stream()
				.filter(f -> f.summary().contains(kind.replace('_', ' ')))
				.findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			sleep(50);
		}
		throw new AssertionError("no " + kind + " finding for the app");
	}

	private long millisUntil401(String token) {
		long start = System.nanoTime();
		while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
			if (call("GET", "/platform/v1/patients/" + patient, token, null).statusCode() == 401) {
				return (System.nanoTime() - start) / 1_000_000;
			}
			sleep(20);
		}
		return Long.MAX_VALUE;
	}

	private void assertInvalidToken(HttpResponse<String> response, String describing) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
		assertThat(oauth.json(response).get("detail").asString()).containsIgnoringCase(describing);
	}

	String installedToken() {
		return oauth.tokensFor(loggedIn(admin), client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString())
			.get("access_token")
			.asString();
	}

	private TestTokens tokens() {
		return new TestTokens(jdbc, box);
	}

	HttpResponse<String> call(String method, String path, String token, String body) {
		var request = HttpRequest.newBuilder(uri(path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where the gateway is called: Gatehouse's own port here, the dedicated listener in a subclass. */
	URI uri(String path) {
		return oauth.uri(path);
	}

	private static boolean sleepThen(boolean value) {
		sleep(20);
		return value;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
