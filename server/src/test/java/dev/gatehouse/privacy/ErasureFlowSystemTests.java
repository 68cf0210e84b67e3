package dev.gatehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.gateway.GatewayTestRoutes;
import dev.gatehouse.samples.clinic.ClinicApi;
import dev.gatehouse.samples.clinic.ClinicSeed;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.webhooks.Webhooks;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole erasure flow over real HTTP: the app reads a patient of the sample clinic API through
 * the gateway, the clinic's admin files an erasure on the page, the app gets the signed webhook,
 * acknowledges and completes with its own client-credentials token, and the clinic sees the receipt.
 */
class ErasureFlowSystemTests extends OAuthSystemTest {

	static final ClinicApi CLINIC = ClinicApi.start(new InetSocketAddress("127.0.0.1", 0));

	@Autowired
	GatewayRoutes routes;

	@Autowired
	AccessLog accessLog;

	@Autowired
	Webhooks webhooks;

	@Autowired
	PrivacyRequests privacy;

	@Test
	void erasureWhenAppReadThePatientThroughTheGatewayThenItIsToldAndItsReceiptReachesTheClinic() throws Exception {
		GatewayTestRoutes.ensure(routes, CLINIC.baseUrl());
		String key = UUID.randomUUID().toString();
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", fixture.app().id().value())
			.update();
		String secret = credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id()).secret();
		var browser = loggedIn(admin);
		String installed = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString())
			.get("access_token")
			.asString();
		String patient = ClinicSeed.patientId(clinic.id().toString(), 5);

		var read = send("GET", "/platform/v1/patients/" + patient, installed, null);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		accessLog.flush();

		browser.get("/customer-accounts/" + clinic.id() + "/privacy");
		var filed = browser.post("/customer-accounts/" + clinic.id() + "/privacy",
				Map.of("kind", "ERASURE", "subjectIds", patient, "changedFields", ""));
		assertThat(filed.statusCode()).isEqualTo(302);
		PrivacyRequest request = privacy.ofAccount(clinic.id(), 1).getFirst();

		webhooks.deliverDueNow();
		var hook = DOMAIN.hooks().received(key).getLast();
		new Webhook(secret).verify(hook.body(), Map.of("webhook-id", List.of(hook.id()), "webhook-timestamp",
				List.of(hook.timestamp()), "webhook-signature", List.of(hook.signature())));
		assertThat(hook.body()).contains("subject.erasure_requested", request.id().toString(), patient);

		var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
		String own = oauth.json(tokens).get("access_token").asString();
		assertThat(send("POST", "/api/app/v1/privacy-requests/" + request.id() + "/acknowledge", own, null).statusCode())
			.isEqualTo(200);
		var completed = send("POST", "/api/app/v1/privacy-requests/" + request.id() + "/complete", own,
				"{\"outcome\":\"Deleted the cached patient record and its reminders.\"}");
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);

		var page = dev.gatehouse.support.WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/privacy"));
		assertThat(page.select("#request-" + request.id() + " .request-status").text()).isEqualTo("completed");
		assertThat(page.select("#request-" + request.id() + " table.recipients").text())
			.contains(fixture.app().name(), "completed", "Deleted the cached patient record");
	}

	HttpResponse<String> send(String method, String path, String token, String json) {
		var request = HttpRequest.newBuilder(oauth.uri(path))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return oauth.send(request);
	}

}
