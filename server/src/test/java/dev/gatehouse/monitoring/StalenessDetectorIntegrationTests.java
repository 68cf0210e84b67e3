package dev.gatehouse.monitoring;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.apps.App;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.AppFixtures;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staleness detector ({@code check.staleness}) on live apps: a webhook endpoint failing for
 * longer than any bundled pack's {@code failingDays}, and an app not revised for longer than
 * {@code revisionMonths} that still calls a deprecated configured route. The endpoint's history
 * and the revision's age are set in the tables, since neither can be lived through in a test.
 */
@SpringBootTest
@ActiveProfiles("clinic-sample")
class StalenessDetectorIntegrationTests {

	static final String MECHANISM = "check.staleness";

	/** A route of the sample API (profile clinic-sample) marked deprecated. */
	static final String DEPRECATED_ROUTE = "appointments.list.v0";

	@Autowired
	ApplicationContext context;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Monitoring monitoring;

	@Autowired
	Findings findings;

	@Autowired
	LegalDocuments legal;

	@Autowired
	JdbcClient jdbc;

	final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Test
	void webhookFailingLongerThanThePacksDaysThenFindingAndRecentlyHealthyEndpointQuiet() {
		App failing = liveApp();
		App recovered = liveApp();
		App brieflyFailing = liveApp();
		endpoint(failing, 9, now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)));
		endpoint(recovered, 0, now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(30)));
		endpoint(brieflyFailing, 3, now.minus(Duration.ofHours(6)), now.minus(Duration.ofHours(1)));

		monitoring.runNow("operator@test");

		Finding finding = only(failing);
		assertThat(finding.clauseId()).isEqualTo(clauseOf(MECHANISM));
		assertThat(finding.summary()).contains("webhook endpoint has been failing");
		assertThat(finding.evidence()).containsEntry("consecutiveFailures", 9).containsEntry("health", "failing")
			.containsKey("failingSince");
		assertThat(staleness(recovered)).isEmpty();
		assertThat(staleness(brieflyFailing)).isEmpty();
	}

	@Test
	void unrevisedAppStillCallingDeprecatedRouteThenFindingAndRevisedOrUpToDateAppsQuiet() {
		App stale = liveApp();
		App revised = liveApp();
		App oldButCurrentRoutes = liveApp();
		revisedAt(stale, now.minus(Duration.ofDays(800)));
		revisedAt(oldButCurrentRoutes, now.minus(Duration.ofDays(800)));
		calls(stale, DEPRECATED_ROUTE);
		calls(revised, DEPRECATED_ROUTE);
		calls(oldButCurrentRoutes, "appointments.list");

		monitoring.runNow("operator@test");

		Finding finding = only(stale);
		assertThat(finding.clauseId()).isEqualTo(clauseOf(MECHANISM));
		assertThat(finding.summary()).contains(DEPRECATED_ROUTE);
		assertThat(finding.evidence()).containsEntry("deprecatedRoutes", List.of(DEPRECATED_ROUTE))
			.containsKey("lastRevisionAt");
		assertThat(staleness(revised)).isEmpty();
		assertThat(staleness(oldButCurrentRoutes)).isEmpty();
	}

	private App liveApp() {
		var fixture = AppFixtures.draftApp(context);
		AppFixtures.approve(context, fixture);
		return fixture.app();
	}

	private void endpoint(App app, int consecutiveFailures, Instant lastSuccess, Instant lastFailure) {
		jdbc.sql("""
				insert into webhooks.endpoints (app_id, status, consecutive_failures, last_success_at, last_failure_at,
				  exhausted_count, updated_at)
				values (:app, 'ENABLED', :failures, :success, :failure, 0, :now)""")
			.param("app", app.id().value())
			.param("failures", consecutiveFailures)
			.param("success", Timestamp.from(lastSuccess))
			.param("failure", Timestamp.from(lastFailure))
			.param("now", Timestamp.from(now))
			.update();
	}

	private void revisedAt(App app, Instant at) {
		jdbc.sql("update apps.revisions set created_at = :at where app_id = :app")
			.param("at", Timestamp.from(at))
			.param("app", app.id().value())
			.update();
	}

	private void calls(App app, String route) {
		UUID installation = UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			accessLog.record(new ApiCall(UUID.randomUUID(), now.minus(Duration.ofDays(2)).plusSeconds(i), app.id().value(),
					"client-" + app.id().value(), installation, UUID.randomUUID(), route, "GET", "/v0/appointments", 200,
					1_000, 10, 100, List.of(), List.of("appointments"), List.of(), "192.0.2.1", null));
		}
		accessLog.flush();
	}

	private List<Finding> staleness(App app) {
		return findings.forSubject("app", app.id().value().toString()).stream()
			.filter(f -> "monitoring".equals(f.source()) && MECHANISM.equals(f.evidence().get("mechanism")))
			.toList();
	}

	private Finding only(App app) {
		List<Finding> found = staleness(app);
		assertThat(found).hasSize(1);
		return found.getFirst();
	}

	private String clauseOf(String mechanism) {
		return legal.currentPack().orElseThrow().clauses().stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(mechanism)))
			.findFirst().orElseThrow().id();
	}

}
