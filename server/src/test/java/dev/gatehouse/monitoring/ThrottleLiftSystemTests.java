package dev.gatehouse.monitoring;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.gateway.GatewayTestRoutes;
import dev.gatehouse.gateway.Throttle;
import dev.gatehouse.gateway.Throttles;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.samples.clinic.ClinicApi;
import dev.gatehouse.samples.clinic.ClinicSeed;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.TestUsers;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator lifts an anomaly throttle from the monitoring page over real HTTP: the gateway in
 * front of the sample clinic API stops throttling the app at once, and the audit log names the
 * operator. Only admins and compliance may lift one.
 */
class ThrottleLiftSystemTests extends OAuthSystemTest {

	static final ClinicApi CLINIC = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0));

	@Autowired
	GatewayRoutes routes;

	@Autowired
	Throttles throttles;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	String access;

	String patient;

	Throttle throttle;

	@BeforeEach
	void throttledAppWithAnInstallation() {
		GatewayTestRoutes.ensure(routes, CLINIC.baseUrl());
		patient = ClinicSeed.patientId(clinic.id().toString(), 3);
		access = oauth.tokensFor(loggedIn(admin), client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString())
			.get("access_token")
			.asString();
		// One call a minute: the first call passes, the next is refused.
		throttle = throttles.impose(fixture.app().id().value(), null, 1, Duration.ofHours(1),
				"check.anomaly.probing: test traffic", "monitoring");
	}

	@Test
	void liftWhenAnAdminPressesTheButtonThenTheGatewayStopsThrottlingAndTheAuditNamesThem() {
		assertThat(gateway()).isEqualTo(200);
		assertThat(gateway()).isEqualTo(429);
		var operator = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);
		var web = signIn(operator);

		var page = html(web.get("/operator/monitoring"));
		var row = page.getElementById("throttle-" + throttle.id());
		assertThat(row).isNotNull();
		assertThat(row.select("form").attr("action")).isEqualTo("/operator/monitoring/throttles/" + throttle.id() + "/lift");
		assertThat(row.select("form input[name=_csrf]")).isNotEmpty();
		var blank = html(web.follow(web.post("/operator/monitoring/throttles/" + throttle.id() + "/lift", Map.of("reason", " "))));
		assertThat(blank.getElementById("lift-error-" + throttle.id()).text()).contains("Say why");
		assertThat(throttles.active()).anyMatch(t -> t.id().equals(throttle.id()));
		var lifted = web.post("/operator/monitoring/throttles/" + throttle.id() + "/lift",
				Map.of("reason", "probing explained: the developer's test run"));

		assertThat(location(lifted)).isEqualTo("/operator/monitoring");
		var after = html(web.follow(lifted));
		assertThat(after.select(".notice").text()).contains("Throttle lifted");
		assertThat(after.getElementById("throttle-" + throttle.id())).isNull();
		assertThat(throttles.active()).noneMatch(t -> t.id().equals(throttle.id()));
		assertThat(gateway()).isEqualTo(200);
		assertThat(gateway()).isEqualTo(200);
		assertThat(jdbc.sql("""
				select actor || ' / ' || (details::jsonb ->> 'reason') from auditlog.audit_events
				where target = :target and action = 'gateway.throttle.lifted' and details::jsonb ->> 'throttle' = :throttle""")
			.param("target", "app:" + fixture.app().id())
			.param("throttle", throttle.id().toString())
			.query(String.class)
			.single()).isEqualTo(operator.email() + " / probing explained: the developer's test run");
	}

	@Test
	void liftWhenTheOperatorIsSupportOrTheCsrfTokenIsMissingThenForbiddenAndTheThrottleStays() {
		var support = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT));
		var page = html(support.get("/operator/monitoring"));
		assertThat(page.getElementById("throttle-" + throttle.id())).isNotNull();
		assertThat(page.select("#throttle-" + throttle.id() + " form")).isEmpty();
		assertThat(support.post("/operator/monitoring/throttles/" + throttle.id() + "/lift", Map.of()).statusCode())
			.isEqualTo(403);
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN));
		operator.get("/operator/monitoring");
		assertThat(operator.postRaw("/operator/monitoring/throttles/" + throttle.id() + "/lift", Map.of()).statusCode())
			.isEqualTo(403);

		assertThat(throttles.active()).anyMatch(t -> t.id().equals(throttle.id()));
		assertThat(gateway()).isEqualTo(200);
		assertThat(gateway()).isEqualTo(429);
	}

	@Test
	void liftWhenTheThrottleHasAlreadyEndedThenSaidSoAndNothingIsRecordedTwice() {
		var web = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		web.get("/operator/monitoring");
		web.follow(web.post("/operator/monitoring/throttles/" + throttle.id() + "/lift", Map.of("reason", "first")));

		var again = web.post("/operator/monitoring/throttles/" + throttle.id() + "/lift", Map.of("reason", "second"));

		assertThat(html(web.follow(again)).select(".notice").text()).contains("already ended");
		assertThat(jdbc.sql("""
				select count(*) from auditlog.audit_events
				where action = 'gateway.throttle.lifted' and details::jsonb ->> 'throttle' = :t""")
			.param("t", throttle.id().toString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private int gateway() {
		try {
			return http.send(HttpRequest.newBuilder(oauth.uri("/platform/v1/patients/" + patient))
				.header("Authorization", "Bearer " + access)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
