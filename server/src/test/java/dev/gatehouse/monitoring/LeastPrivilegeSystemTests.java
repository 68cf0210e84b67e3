package dev.gatehouse.monitoring;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.FindingStatus;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege end to end: an app live for longer than the pack's period that never used one of
 * its scopes gets a finding with the smaller set suggested; the developer drops the scope in one
 * step, and a token issued afterwards no longer carries it.
 */
class LeastPrivilegeSystemTests extends FullStackTest {

	static final Scope SEND_REMINDERS = new Scope("test.reminders.send", "Send reminders to your clients",
			ScopeTier.BASIC, List.of("appointments"), false, false);

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Monitoring monitoring;

	@Autowired
	Findings findings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void unusedScopeWhenAppLiveLongerThanThePeriodThenFindingAndOneStepDropRemovesItFromNewTokens() {
		catalogue.define(SEND_REMINDERS);
		var developer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer);
		String read = TestApps.READ_APPOINTMENTS.name();
		var draft = TestApps.complete(app.name());
		registry.update(app.id(), developer.id(), TestApps.withScopes(draft, List.of(draft.scopes().getFirst(),
				new RequestedScope(SEND_REMINDERS.name(), "We send each client a reminder the day before the visit.", null)),
				draft.dataUse()));
		AppFixtures.approve(context, new AppFixtures.DraftApp(developer, app.organizationId(), app));
		jdbc.sql("update apps.revisions set decided_at = decided_at - interval '120 days' where app_id = :id")
			.param("id", app.id().value())
			.update();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		for (int i = 0; i < 10; i++) {
			accessLog.record(new ApiCall(UUID.randomUUID(), now.minus(Duration.ofDays(i * 7L)), app.id().value(), "c",
					UUID.randomUUID(), UUID.randomUUID(), "appointments.list", "GET", "/v1/appointments", 200, 900, 0, 100,
					List.of(read), List.of("appointments"), List.of(), "192.0.2.4", null));
		}
		accessLog.flush();
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		var oauth = new OAuthTestClient(port);
		String both = read + " " + SEND_REMINDERS.name();
		assertThat(oauth.token(secret.clientId(), secret.secret(), Map.of("grant_type", "client_credentials", "scope", both))
			.statusCode()).isEqualTo(200);

		monitoring.runNow("compliance@test");

		ScopeSuggestion suggestion = monitoring.scopeSuggestion(app.id()).orElseThrow();
		assertThat(suggestion.granted()).containsExactly(read, SEND_REMINDERS.name());
		assertThat(suggestion.used90Days()).containsExactly(read);
		assertThat(suggestion.unused()).containsExactly(SEND_REMINDERS.name());
		assertThat(suggestion.suggested()).containsExactly(read);
		Finding finding = unusedScopeFinding(app.id().toString());
		assertThat(finding.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(finding.evidence()).containsEntry("unused", List.of(SEND_REMINDERS.name()))
			.containsEntry("suggested", List.of(read));

		var revision = registry.dropScopes(app.id(), developer.id(), Set.of(SEND_REMINDERS.name()));

		assertThat(revision.content().scopes()).extracting(RequestedScope::scope).containsExactly(read);
		assertThat(registry.liveRevision(registry.require(app.id())).orElseThrow().id()).isEqualTo(revision.id());
		var refused = oauth.token(secret.clientId(), secret.secret(), Map.of("grant_type", "client_credentials", "scope", both));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(oauth.error(refused)).isEqualTo("invalid_scope");
		var issued = oauth.token(secret.clientId(), secret.secret(), Map.of("grant_type", "client_credentials", "scope", read));
		assertThat(issued.statusCode()).isEqualTo(200);
		String token = oauth.json(issued).get("access_token").asString();
		assertThat(String.valueOf(oauth.verifiedClaims(token).getClaim("scope"))).isEqualTo(read);
		assertThat(unusedScopeFinding(app.id().toString()).status()).isEqualTo(FindingStatus.RESOLVED);
	}

	private Finding unusedScopeFinding(String appId) {
		return findings.forSubject("app", appId).stream()
			.filter(f -> "check.unused-scopes".equals(f.evidence().get("mechanism")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no unused-scope finding for " + appId));
	}

}
