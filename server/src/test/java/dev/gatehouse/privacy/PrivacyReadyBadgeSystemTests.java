package dev.gatehouse.privacy;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.webhooks.Webhooks;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The marketplace shows Privacy-ready for a working endpoint and requests answered on time, and only then. */
class PrivacyReadyBadgeSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	dev.gatehouse.identity.Accounts accounts;

	@Autowired
	dev.gatehouse.marketplace.CustomerAccounts customers;

	UUID account;

	@Test
	void listingWhenEndpointWorksAndRequestsOnTimeThenPrivacyReadyAndWhenOneIsOverdueThenNot() {
		// Requests belong to a real account: operator pages list every request with its account's name.
		var admin = dev.gatehouse.support.TestUsers.create(accounts, dev.gatehouse.identity.UserKind.CUSTOMER,
				dev.gatehouse.identity.Role.CUSTOMER_ADMIN);
		account = customers.create("Clinic " + UUID.randomUUID().toString().substring(0, 8), admin.id()).id().value();
		var fixture = AppFixtures.draftApp(context);
		AppFixtures.approve(context, fixture);
		var app = fixture.app().id();
		registry.publish(app, "test");
		String key = UUID.randomUUID().toString();
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", app.value())
			.update();
		jdbc.sql("update apps.revisions set logo_sha256 = coalesce(logo_sha256, 'test') where app_id = :app")
			.param("app", app.value())
			.update();
		credentials.rotateWebhookSecret(app, fixture.developer().id());
		String listing = "/marketplace/apps/" + registry.require(app).slug();

		assertThat(html(web().get(listing)).select("#app-badges").text()).as("no delivery yet").doesNotContain("Privacy-ready");

		webhooks.sendTest(app, "test");
		webhooks.deliverDueNow();
		UUID request = onTimeRequest(app.value(), "COMPLETED", "now() - interval '2 days'", "now() - interval '1 day'");
		assertThat(html(web().get(listing)).select("#app-badges").text()).contains("Privacy-ready");

		overdueRecipient(app.value());
		assertThat(html(web().get(listing)).select("#app-badges").text()).doesNotContain("Privacy-ready");
		assertThat(request).isNotNull();
	}

	private UUID onTimeRequest(UUID app, String status, String completedAt, String dueAt) {
		UUID request = request();
		jdbc.sql("""
				insert into privacy.recipients (id, request_id, app_id, reason, status, notified_at, due_at, completed_at)
				values (:id, :request, :app, 'lineage', :status, now() - interval '3 days', %s, %s)""".formatted(dueAt, completedAt))
			.param("id", UUID.randomUUID())
			.param("request", request)
			.param("app", app)
			.param("status", status)
			.update();
		return request;
	}

	private void overdueRecipient(UUID app) {
		jdbc.sql("""
				insert into privacy.recipients (id, request_id, app_id, reason, status, notified_at, due_at)
				values (:id, :request, :app, 'lineage', 'OVERDUE', now() - interval '40 days', now() - interval '10 days')""")
			.param("id", UUID.randomUUID())
			.param("request", request())
			.param("app", app)
			.update();
	}

	private UUID request() {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into privacy.requests (id, customer_account_id, kind, subject_ids, filed_by_operator, filed_at, due_at, status)
				values (:id, :account, 'ERASURE', array['pat_1'], true, now() - interval '3 days', now() + interval '27 days', 'OPEN')""")
			.param("id", id)
			.param("account", account)
			.update();
		return id;
	}

}
