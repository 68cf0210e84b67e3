package dev.gatehouse.webhooks;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebhookReceiver.Answer;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WebhookPagesSystemTests extends FullStackTest {

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	AppCredentials credentials;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JdbcClient jdbc;

	TestUsers.Enrolled developer;

	App app;

	String key;

	@BeforeEach
	void appWithEndpoint() {
		developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		app = AppFixtures.draftAppOf(context, developer.user());
		key = UUID.randomUUID().toString();
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", app.id().value())
			.update();
		credentials.rotateWebhookSecret(app.id(), developer.user().id());
	}

	@Test
	void webhooksPageWhenDeveloperSendsATestEventThenTheLogShowsItsAttemptsAndRedeliveryWorks() {
		DOMAIN.hooks().script(key, Answer.of(500));
		var web = signIn(developer);

		assertThat(web.post("/developer/apps/" + app.id() + "/webhooks/test", Map.of()).statusCode()).isEqualTo(302);
		webhooks.deliverDueNow();
		jdbc.sql("update webhooks.deliveries set next_attempt_at = now() where app_id = :app").param("app", app.id().value()).update();
		webhooks.deliverDueNow();
		var page = html(web.get("/developer/apps/" + app.id() + "/webhooks"));

		assertThat(page.select("#endpoint").text()).contains(DOMAIN.hookUrl(key), "healthy");
		assertThat(page.select("#deliveries").text()).contains("webhook.test", "delivered", "500", "200");
		String id = webhooks.deliveries(app.id(), 1).getFirst().id();
		web.post("/developer/apps/" + app.id() + "/webhooks/deliveries/" + id + "/redeliver", Map.of());
		webhooks.deliverDueNow();
		assertThat(DOMAIN.hooks().received(key)).extracting(r -> r.id()).containsExactly(id, id, id);
	}

	@Test
	void webhooksPageWhenDeveloperDisablesThenNothingGoesOutUntilEnabled() {
		var web = signIn(developer);
		web.get("/developer/apps/" + app.id() + "/webhooks");

		web.post("/developer/apps/" + app.id() + "/webhooks/disable", Map.of());
		webhooks.sendTest(app.id(), "test");
		webhooks.deliverDueNow();
		assertThat(DOMAIN.hooks().received(key)).isEmpty();
		assertThat(html(web.get("/developer/apps/" + app.id() + "/webhooks")).select("#endpoint").text()).contains("disabled");

		web.post("/developer/apps/" + app.id() + "/webhooks/enable", Map.of());
		webhooks.deliverDueNow();
		assertThat(DOMAIN.hooks().received(key)).hasSize(1);
	}

	@Test
	void webhooksPageWhenAnotherOrganizationsDeveloperThenNotFound() {
		var outsider = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		organizations.createFor("Org " + outsider.email(), outsider.user().id());
		var web = signIn(outsider);

		assertThat(web.get("/developer/apps/" + app.id() + "/webhooks").statusCode()).isEqualTo(404);
		web.get("/developer");
		assertThat(web.post("/developer/apps/" + app.id() + "/webhooks/test", Map.of()).statusCode()).isEqualTo(404);
		assertThat(webhooks.deliveries(app.id(), 10)).isEmpty();
	}

}
