package dev.gatehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.gateway.TestTokens;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.shared.crypto.SecretBox;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebhookReceiver.Received;
import dev.gatehouse.webhooks.Webhooks;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * A privacy request from filing to receipt over real HTTP: who is told, the signed webhook, the
 * app's answers through the app API, reminders and findings, and uninstall redaction.
 */
class PrivacyRequestSystemTests extends OAuthSystemTest {

	@Autowired
	PrivacyRequests privacy;

	@Autowired
	Installations installations;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Webhooks webhooks;

	@Autowired
	Findings findings;

	@Autowired
	SecretBox box;

	Installation touching;

	Installation bystander;

	AppFixtures.DraftApp other;

	IssuedSecret otherClient;

	String touchingKey;

	String touchingSecret;

	String bystanderKey;

	String subject;

	@BeforeEach
	void twoInstalledAppsOneTouchedThePatient() {
		touching = installations.grant(clinic.id(), fixture.app().id(), Set.of(SCOPE), admin.id(), admin.email());
		other = AppFixtures.draftApp(context);
		AppFixtures.approve(context, other);
		otherClient = credentials.issueClientSecret(other.app().id(), other.developer().id(), Environment.PRODUCTION, null);
		bystander = installations.grant(clinic.id(), other.app().id(), Set.of(SCOPE), admin.id(), admin.email());
		touchingKey = UUID.randomUUID().toString();
		bystanderKey = UUID.randomUUID().toString();
		touchingSecret = webhookEndpoint(fixture, touchingKey);
		webhookEndpoint(other, bystanderKey);
		subject = "patient-" + UUID.randomUUID().toString().substring(0, 8);
		accessLog.record(readPatient(touching, subject));
		accessLog.record(readPatient(bystander, "patient-someone-else"));
		accessLog.flush();
	}

	@Test
	void fileWhenAppTouchedTheSubjectThenOnlyThatAppIsToldBySignedWebhook() throws Exception {
		PrivacyRequest request = fileErasure();

		assertThat(privacy.recipients(request.id())).singleElement().satisfies(r -> {
			assertThat(r.appId()).isEqualTo(fixture.app().id().value());
			assertThat(r.reason()).isEqualTo("lineage");
			assertThat(r.status()).isEqualTo(RecipientStatus.NOTIFIED);
			assertThat(r.dueAt()).isEqualTo(request.dueAt());
		});
		assertThat(request.status()).isEqualTo(RequestStatus.OPEN);
		assertThat(request.dueAt()).isAfter(request.filedAt().plusSeconds(86400 * 13));
		webhooks.deliverDueNow();
		Received received = DOMAIN.hooks().received(touchingKey).getLast();
		new Webhook(touchingSecret).verify(received.body(), Map.of("webhook-id", List.of(received.id()),
				"webhook-timestamp", List.of(received.timestamp()), "webhook-signature", List.of(received.signature())));
		assertThat(received.body()).contains("\"type\":\"subject.erasure_requested\"", request.id().toString(), subject,
				clinic.id().toString(), "\"dueAt\"");
		assertThat(privacy.recipients(request.id()).getFirst().deliveryId()).isEqualTo(received.id());
		assertThat(DOMAIN.hooks().received(bystanderKey)).isEmpty();
		assertThat(audited("privacy.request.filed", request)).isEqualTo(1);
	}

	@Test
	void answerWhenAppAcknowledgesAndCompletesThroughAppApiThenRequestCompletedWithItsOutcome() {
		PrivacyRequest request = fileErasure();
		String token = appToken(client.clientId(), client.secret());

		var listed = api("GET", "/api/app/v1/privacy-requests?status=open", token, null);
		var acknowledged = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/acknowledge", token, null);
		var completed = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/complete", token,
				"{\"outcome\":\"Deleted the patient's reminders and phone number from our database and backups.\"}");

		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(oauth.json(listed).get(0).get("id").asString()).isEqualTo(request.id().toString());
		assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
		assertThat(oauth.json(acknowledged).get("status").asString()).isEqualTo("acknowledged");
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(oauth.json(completed).get("status").asString()).isEqualTo("completed");
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
		var recipient = privacy.recipients(request.id()).getFirst();
		assertThat(recipient.outcome()).contains("Deleted the patient's reminders");
		assertThat(recipient.acknowledgedAt()).isNotNull();
		assertThat(recipient.completedAt()).isNotNull();
		assertThat(privacy.history(request.id())).extracting(RequestEvent::type)
			.containsSubsequence("request.filed", "recipient.notified", "recipient.acknowledged", "recipient.completed",
					"request.completed");
		assertThat(oauth.json(api("GET", "/api/app/v1/privacy-requests?status=open", token, null))).isEmpty();
		var again = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/complete", token, "{\"outcome\":\"again\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(oauth.json(again).get("type").asString()).isEqualTo("/problems/request-closed");
	}

	@Test
	void answerWhenAnotherAppsTokenThen404AndWithoutTokenThen401() {
		PrivacyRequest request = fileErasure();
		String foreign = appToken(otherClient.clientId(), otherClient.secret());

		var byOther = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/acknowledge", foreign, null);
		var anonymous = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/acknowledge", null, null);
		var forged = api("GET", "/api/app/v1/privacy-requests", "eyJhbGciOiJub25lIn0.e30.", null);

		assertThat(byOther.statusCode()).isEqualTo(404);
		assertThat(oauth.json(byOther).get("type").asString()).isEqualTo("/problems/not-found");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
		assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
		assertThat(privacy.recipients(request.id()).getFirst().status()).isEqualTo(RecipientStatus.NOTIFIED);
	}

	@Test
	void answerWhenTokenExpiredForAnotherAudienceOrNotES256Then401() throws Exception {
		PrivacyRequest request = fileErasure();
		String token = appToken(client.clientId(), client.secret());
		var tokens = new TestTokens(jdbc, box);
		String path = "/api/app/v1/privacy-requests/" + request.id();

		var resigned = api("GET", path, tokens.resign(token, c -> c), null);
		var expired = api("GET", path, tokens.resign(token, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))), null);
		var elsewhere = api("GET", path, tokens.resign(token, c -> c.audience("https://other.example")), null);
		var hmac = api("GET", path, tokens.hmac(token), null);

		assertThat(resigned.statusCode()).as("the same claims re-signed are accepted").isEqualTo(200);
		for (var refused : List.of(expired, elsewhere, hmac)) {
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
			assertThat(oauth.json(refused).get("type").asString()).isEqualTo("/problems/invalid-token");
		}
	}

	@Test
	void answerWhenInstallationTokenInsteadOfClientCredentialsThen401() {
		PrivacyRequest request = fileErasure();
		var browser = loggedIn(admin);
		String installationToken = oauth
			.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString())
			.get("access_token")
			.asString();

		var response = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/acknowledge", installationToken, null);

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void completeWhenOutcomeMissingThen422NamingTheField() {
		PrivacyRequest request = fileErasure();
		String token = appToken(client.clientId(), client.secret());

		var response = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/complete", token, "{\"outcome\":\" \"}");
		var unknownField = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/complete", token,
				"{\"outcome\":\"done\",\"erased\":true}");

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(oauth.json(response).get("errors").get(0).get("field").asString()).isEqualTo("outcome");
		assertThat(unknownField.statusCode()).isEqualTo(400);
	}

	@Test
	void declineWhenOperatorRejectsItThenTheAppOwesAnAnswerAgain() {
		PrivacyRequest request = fileErasure();
		String token = appToken(client.clientId(), client.secret());

		var declined = api("POST", "/api/app/v1/privacy-requests/" + request.id() + "/decline", token,
				"{\"reason\":\"We keep appointment records for ten years by law.\"}");
		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
		assertThat(oauth.json(declined).get("status").asString()).isEqualTo("declined");
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.OPEN);
		var recipient = privacy.declinesAwaitingReview(500).stream().filter(r -> r.requestId().equals(request.id())).findFirst()
			.orElseThrow();

		privacy.reviewDecline(recipient.id(), false, "Reminders are not medical records.", "operator@test");

		assertThat(privacy.recipients(request.id()).getFirst().status()).isEqualTo(RecipientStatus.NOTIFIED);
		assertThat(privacy.recipients(request.id()).getFirst().reviewDecision()).isEqualTo("REJECTED");
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.OPEN);
	}

	@Test
	void deadlineWhenAppIgnoresRequestThenReminderMailThenOverdueFindingOnce() {
		PrivacyRequest request = fileErasure();
		moveDue(request, Instant.now().plusSeconds(86400));

		privacy.runDeadlinesNow();
		privacy.runDeadlinesNow();

		var reminded = privacy.recipients(request.id()).getFirst();
		assertThat(reminded.lastReminderAt()).isNotNull();
		assertThat(mailTo(fixture.developer().email())).filteredOn(m -> subjectOf(m).startsWith("Privacy request due"))
			.hasSize(1);
		assertThat(findingsOf(fixture.app().id())).isEmpty();
		assertThat(webhooks.deliveries(fixture.app().id(), 10)).extracting(d -> d.eventType())
			.containsOnlyOnce("privacy_request.reminder");

		moveDue(request, Instant.now().minusSeconds(60));
		privacy.runDeadlinesNow();
		privacy.runDeadlinesNow();

		assertThat(privacy.recipients(request.id()).getFirst().status()).isEqualTo(RecipientStatus.OVERDUE);
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.OVERDUE);
		assertThat(findingsOf(fixture.app().id())).singleElement().satisfies(f -> {
			assertThat(f.source()).isEqualTo("flow.erasure");
			assertThat(f.clauseId()).isNotBlank();
			assertThat(f.evidence()).containsEntry("request", request.id().toString());
		});
		assertThat(findingsOf(other.app().id())).isEmpty();
	}

	@Test
	void uninstallWhenGracePeriodIsOverThenAccountRedactIsSentOnce() {
		installations.uninstall(touching.id(), admin.id(), admin.email());

		assertThat(privacy.sendDueRedactionsNow()).isZero();
		jdbc.sql("update privacy.redactions set due_at = now() - interval '1 second' where installation_id = :id")
			.param("id", touching.id().value())
			.update();
		assertThat(privacy.sendDueRedactionsNow()).isEqualTo(1);
		assertThat(privacy.sendDueRedactionsNow()).isZero();
		webhooks.deliverDueNow();

		assertThat(DOMAIN.hooks().received(touchingKey)).singleElement()
			.satisfies(r -> assertThat(r.body()).contains("\"type\":\"account.redact\"", clinic.id().toString(), "uninstalled"));
		assertThat(DOMAIN.hooks().received(bystanderKey)).isEmpty();
	}

	@Test
	void fileWhenMemberNotAdminThenRefusedAndWhenInputBadThenEachFieldNamed() {
		var member = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.addMember(clinic.id(), member.id(), CustomerRole.MEMBER);

		assertThatThrownBy(() -> privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ERASURE, List.of(subject), null),
				Filer.customer(member.id(), member.email()))).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> privacy.file(
				new FileRequestCommand(clinic.id(), RequestKind.RECTIFICATION, List.of("bad id with spaces"), List.of()),
				Filer.customer(admin.id(), admin.email())))
			.isInstanceOfSatisfying(InputRejectedException.class, ex -> assertThat(ex.violations())
				.extracting(InputRejectedException.Violation::field)
				.containsExactly("subjectIds", "changedFields"));
	}

	@Test
	void fileWhenAccountClosureThenEveryInstalledAppIsAskedToRedact() {
		PrivacyRequest request = privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ACCOUNT_CLOSURE, null, null),
				Filer.operator(null, "operator@test"));

		assertThat(privacy.recipients(request.id())).extracting(Recipient::appId)
			.containsExactlyInAnyOrder(fixture.app().id().value(), other.app().id().value());
		webhooks.deliverDueNow();
		assertThat(DOMAIN.hooks().received(bystanderKey)).singleElement()
			.satisfies(r -> assertThat(r.body()).contains("\"type\":\"account.redact\""));
	}

	PrivacyRequest fileErasure() {
		return privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ERASURE, List.of(subject), null),
				Filer.customer(admin.id(), admin.email()));
	}

	String webhookEndpoint(AppFixtures.DraftApp app, String key) {
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", app.app().id().value())
			.update();
		return credentials.rotateWebhookSecret(app.app().id(), app.developer().id()).secret();
	}

	static ApiCall readPatient(Installation installation, String patient) {
		return new ApiCall(UUID.randomUUID(), Instant.now().minusSeconds(60), installation.appId().value(), "client",
				installation.id().value(), installation.accountId().value(), "patients", "GET",
				"/platform/v1/patients/" + patient, 200, 1000, 0, 200, List.of(SCOPE), List.of("health"), List.of(patient),
				"127.0.0.1", null);
	}

	@Test
	void appApiWhenTokenRevokedThenRefusedWithinOneSecondNotAtExpiry() throws Exception {
		String token = appToken(client.clientId(), client.secret());
		assertThat(api("GET", "/api/app/v1/privacy-requests", token, null).statusCode()).isEqualTo(200);

		var revoked = oauth.form("/oauth2/revoke", dev.gatehouse.support.OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", token));
		assertThat(revoked.statusCode()).isEqualTo(200);
		long start = System.nanoTime();
		int status = 200;
		while (status == 200 && System.nanoTime() - start < 3_000_000_000L) {
			Thread.sleep(20);
			status = api("GET", "/api/app/v1/privacy-requests", token, null).statusCode();
		}

		assertThat(status).isEqualTo(401);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
		assertThat(api("GET", "/api/app/v1/privacy-requests", appToken(client.clientId(), client.secret()), null).statusCode())
			.as("a new token of the same client still works").isEqualTo(200);
	}

	String appToken(String clientId, String secret) {
		var response = oauth.token(clientId, secret, Map.of("grant_type", "client_credentials", "scope", SCOPE));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return oauth.json(response).get("access_token").asString();
	}

	HttpResponse<String> api(String method, String path, String token, String json) {
		var request = HttpRequest.newBuilder(oauth.uri(path))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return oauth.send(request);
	}

	void moveDue(PrivacyRequest request, Instant due) {
		jdbc.sql("update privacy.recipients set due_at = :due where request_id = :id")
			.param("due", java.sql.Timestamp.from(due))
			.param("id", request.id().value())
			.update();
	}

	List<Finding> findingsOf(AppId app) {
		return findings.forSubject("app", app.toString()).stream().filter(f -> f.source().startsWith("flow.")).toList();
	}

	int audited(String action, PrivacyRequest request) {
		return jdbc.sql("select count(*) from auditlog.audit_events where action = :action and target = :target")
			.param("action", action)
			.param("target", "privacy-request:" + request.id())
			.query(Integer.class)
			.single();
	}

	static String subjectOf(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
