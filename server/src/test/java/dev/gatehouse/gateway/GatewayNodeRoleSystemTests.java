package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.test.annotation.DirtiesContext;

/** A node started with the gateway role serves the platform API and nothing else, and schedules nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gatehouse.node.role=gateway", "gatehouse.authserver.issuer=" + GatewayNodeRoleSystemTests.ISSUER })
@DirtiesContext
class GatewayNodeRoleSystemTests {

	static final String ISSUER = "https://gatehouse.test";

	static final dev.gatehouse.samples.clinic.ClinicApi CLINIC = dev.gatehouse.samples.clinic.ClinicApi
		.start(new java.net.InetSocketAddress("127.0.0.1", 0));

	@Autowired
	GatewayRoutes routes;

	@Autowired
	dev.gatehouse.apps.AppRegistry registry;

	@Autowired
	dev.gatehouse.authserver.AccessTokenIssuer issuer;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	dev.gatehouse.shared.crypto.SecretBox box;

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Value("${local.gatehouse.gateway.port}")
	int listenerPort;

	@Autowired
	ApplicationContext context;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void gatewayNodeWhenAskedForPagesOrOAuthThen404AndPlatformApiAnswers() throws Exception {
		assertThat(get("/login").statusCode()).isEqualTo(404);
		assertThat(get("/oauth2/jwks").statusCode()).isEqualTo(404);
		assertThat(get("/marketplace").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		var platform = get("/platform/v1/anything");
		assertThat(platform.statusCode()).isEqualTo(401);
		assertThat(platform.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"platform\"");
	}

	@Test
	void gatewayNodeWhenAppSuspendedElsewhereThenItsTokensRefusedWithinOneSecond() throws Exception {
		GatewayTestRoutes.ensure(routes, CLINIC.baseUrl());
		var fixture = dev.gatehouse.support.AppFixtures.draftApp(context);
		dev.gatehouse.support.AppFixtures.approve(context, fixture);
		String account = java.util.UUID.randomUUID().toString();
		issuer.verificationKeys(); // the first read makes a signing key on an empty database
		var now = java.time.Instant.now();
		String token = new TestTokens(jdbc, box).mint(new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(issuer.audience())
			.jwtID(java.util.UUID.randomUUID().toString())
			.issueTime(java.util.Date.from(now.minusSeconds(5)))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)))
			.claim("client_id", "client-" + fixture.app().id())
			.claim("app_id", fixture.app().id().toString())
			.claim("installation_id", java.util.UUID.randomUUID().toString())
			.claim("customer_account_id", account)
			.claim("scope", GatewayTestRoutes.HELD_SCOPE)
			.build());
		String patient = dev.gatehouse.samples.clinic.ClinicSeed.patientId(account, 1);
		assertThat(get("/platform/v1/patients/" + patient, token).statusCode()).isEqualTo(200);
		assertThat(onListener("/platform/v1/patients/" + patient, token).statusCode()).isEqualTo(200);

		// As an operator on another node would: the change reaches this node only through the database.
		registry.changeStatus(fixture.app().id(), dev.gatehouse.apps.AppStatus.SUSPENDED, "operator@test", "role test");
		long start = System.nanoTime();
		int status = 200;
		while (status != 401 && System.nanoTime() - start < 3_000_000_000L) {
			Thread.sleep(20);
			status = get("/platform/v1/patients/" + patient, token).statusCode();
		}

		assertThat(status).isEqualTo(401);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
		assertThat(onListener("/platform/v1/patients/" + patient, token).statusCode()).isEqualTo(401);
	}

	@Test
	void gatewayNodeWhenStartedThenNoScheduledWork() {
		assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class)).isEmpty();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The gateway's dedicated listener, open on a gateway node too (the issuer is configured here). */
	private HttpResponse<String> onListener(String path, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
