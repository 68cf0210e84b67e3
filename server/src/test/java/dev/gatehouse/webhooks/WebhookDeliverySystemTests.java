package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.WebhookReceiver.Answer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deliveries to a real HTTP receiver: signatures, retries, 410, exhaustion and what the developer is told. */
class WebhookDeliverySystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Webhooks webhooks;

	@Autowired
	AppCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	AppFixtures.DraftApp fixture;

	AppId app;

	String key;

	String secret;

	@BeforeEach
	void appWithEndpoint() {
		fixture = AppFixtures.draftApp(context);
		AppFixtures.approve(context, fixture);
		app = fixture.app().id();
		key = UUID.randomUUID().toString();
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", app.value())
			.update();
		secret = credentials.rotateWebhookSecret(app, fixture.developer().id()).secret();
	}

	@Test
	void deliverWhenEndpointAnswers2xxThenSignedPerStandardWebhooksAndDelivered() throws Exception {
		String id = webhooks.enqueue(app, "subject.erasure_requested", 1, Map.of("subjectId", "pat_1"));

		webhooks.deliverDueNow();

		var received = DOMAIN.hooks().received(key);
		assertThat(received).singleElement().satisfies(r -> {
			assertThat(r.id()).isEqualTo(id);
			assertThat(r.body()).contains("\"type\":\"subject.erasure_requested\"", "\"version\":1", "\"subjectId\":\"pat_1\"");
		});
		var r = received.getFirst();
		new Webhook(secret).verify(r.body(), Map.of("webhook-id", List.of(r.id()), "webhook-timestamp",
				List.of(r.timestamp()), "webhook-signature", List.of(r.signature())));
		assertThat(webhooks.delivery(app, id).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThat(webhooks.attempts(app, id)).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
		assertThat(webhooks.endpoint(app).health()).isEqualTo("healthy");
	}

	@Test
	void deliverWhenSecretRotatingThenBothSignaturesVerifyOnTheirOwn() throws Exception {
		String newer = credentials.rotateWebhookSecret(app, fixture.developer().id()).secret();
		webhooks.enqueue(app, "webhook.test", 1, Map.of());

		webhooks.deliverDueNow();

		var r = DOMAIN.hooks().received(key).getFirst();
		assertThat(r.signature().split(" ")).hasSize(2);
		for (String s : List.of(secret, newer)) {
			new Webhook(s).verify(r.body(), Map.of("webhook-id", List.of(r.id()), "webhook-timestamp",
					List.of(r.timestamp()), "webhook-signature", List.of(r.signature())));
		}
	}

	@Test
	void deliverWhenEndpointFailsThenRetriedLaterWithTheSameIdAndTheAttemptsLogged() {
		DOMAIN.hooks().script(key, Answer.of(500), Answer.of(503));
		String id = webhooks.enqueue(app, "subject.rectified", 1, Map.of());

		webhooks.deliverDueNow();
		var afterFirst = webhooks.delivery(app, id).orElseThrow();
		assertThat(afterFirst.status()).isEqualTo("PENDING");
		// First retry after 5 s, give or take 20%.
		assertThat(Duration.between(Instant.now(), afterFirst.nextAttemptAt())).isBetween(Duration.ofSeconds(2),
				Duration.ofSeconds(7));
		assertThat(webhooks.endpoint(app).health()).isEqualTo("failing");
		dueNow(id);
		webhooks.deliverDueNow();
		dueNow(id);
		webhooks.deliverDueNow();

		assertThat(DOMAIN.hooks().received(key)).extracting(r -> r.id()).containsExactly(id, id, id);
		assertThat(webhooks.attempts(app, id)).extracting(WebhookAttempt::statusCode).containsExactly(500, 503, 200);
		assertThat(webhooks.delivery(app, id).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThat(webhooks.endpoint(app).health()).isEqualTo("healthy");
	}

	@Test
	void deliverWhenEndpointSendsRetryAfterThenNotSoonerThanAsked() {
		DOMAIN.hooks().script(key, new Answer(429, Map.of("Retry-After", "3600")));
		String id = webhooks.enqueue(app, "subject.restricted", 1, Map.of());

		webhooks.deliverDueNow();

		assertThat(webhooks.delivery(app, id).orElseThrow().nextAttemptAt()).isAfter(Instant.now().plusSeconds(3500));
	}

	@Test
	void deliverWhenEndpointAnswers410ThenDisabledUntilEnabledAndNothingLost() {
		DOMAIN.hooks().script(key, Answer.of(410));
		String first = webhooks.enqueue(app, "subject.access_requested", 1, Map.of());

		webhooks.deliverDueNow();
		String second = webhooks.enqueue(app, "subject.access_requested", 1, Map.of());
		webhooks.deliverDueNow();

		assertThat(webhooks.endpoint(app).enabled()).isFalse();
		assertThat(webhooks.endpoint(app).disabledReason()).contains("410");
		assertThat(DOMAIN.hooks().received(key)).hasSize(1);
		assertThat(audited("webhooks.endpoint.disabled")).isEqualTo(1);

		webhooks.enable(app, "dev@test");
		webhooks.deliverDueNow();

		assertThat(DOMAIN.hooks().received(key)).extracting(r -> r.id()).containsExactlyInAnyOrder(first, first, second);
		assertThat(webhooks.delivery(app, first).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThat(webhooks.delivery(app, second).orElseThrow().status()).isEqualTo("DELIVERED");
	}

	@Test
	void deliverWhenLastAttemptFailsThenExhaustedAndTheDevelopersToldByMailAndInApp() {
		DOMAIN.hooks().script(key, Answer.of(500));
		String id = webhooks.enqueue(app, "account.redact", 1, Map.of());
		// As if every earlier attempt of the three days had failed.
		jdbc.sql("update webhooks.deliveries set attempts = 13 where id = :id").param("id", id).update();

		webhooks.deliverDueNow();

		assertThat(webhooks.delivery(app, id).orElseThrow().status()).isEqualTo("EXHAUSTED");
		assertThat(webhooks.endpoint(app).health()).isEqualTo("exhausted");
		assertThat(mailTo(fixture.developer().email())).anySatisfy(m -> assertThat(text(m)).contains(id, "account.redact"));
		assertThat(notifications.inbox(fixture.developer().id().value(), 10))
			.anySatisfy(item -> assertThat(item.title()).contains("Webhook not delivered"));
		assertThat(audited("webhooks.delivery.exhausted")).isEqualTo(1);

		webhooks.redeliver(app, id, fixture.developer().email());
		webhooks.deliverDueNow();

		assertThat(webhooks.delivery(app, id).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThatThrownBy(() -> webhooks.redeliver(new AppId(UUID.randomUUID()), id, "x"))
			.as("another app's delivery").isInstanceOf(RuntimeException.class);
	}

	@Test
	void redeliverWhenStillRetryingThenRefused() {
		String id = webhooks.enqueue(app, "webhook.test", 1, Map.of());

		assertThatThrownBy(() -> webhooks.redeliver(app, id, "dev")).isInstanceOf(InputRejectedException.class);
	}

	@Test
	void deliverWhenTwoWorkersRaceThenEachMessageSentOnce() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			ids.add(webhooks.enqueue(app, "webhook.test", 1, Map.of("n", i)));
		}

		try (var pool = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				pool.submit(() -> {
					while (webhooks.deliverDueNow() > 0) {
						// keep claiming until nothing is due
					}
				});
			}
		}
		// The racers stop when nothing is left to claim, but the scheduled round (a fifth worker) may
		// still be sending what it claimed: wait for every delivery to be finished before counting.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (pendingOf(ids) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}

		assertThat(pendingOf(ids)).isZero();
		assertThat(DOMAIN.hooks().received(key)).extracting(r -> r.id()).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void deliverWhenANodeDiedHoldingTheClaimThenSentOnceAfterTheLeaseRunsOut() {
		String id = webhooks.enqueue(app, "webhook.test", 1, Map.of());
		// A node claimed it (lease for two minutes, attempt counted) and died before sending.
		jdbc.sql("update webhooks.deliveries set lease_until = now() + interval '2 minutes', attempts = 1 where id = :id")
			.param("id", id)
			.update();

		webhooks.deliverDueNow();
		assertThat(DOMAIN.hooks().received(key)).isEmpty();

		jdbc.sql("update webhooks.deliveries set lease_until = now() - interval '1 second' where id = :id").param("id", id).update();
		webhooks.deliverDueNow();
		webhooks.deliverDueNow();

		assertThat(DOMAIN.hooks().received(key)).extracting(r -> r.id()).containsExactly(id);
	}

	@Test
	void enqueueWhenCallersTransactionRollsBackThenNothingIsSent() {
		var transactions = new org.springframework.transaction.support.TransactionTemplate(
				context.getBean(org.springframework.transaction.PlatformTransactionManager.class));

		transactions.executeWithoutResult(status -> {
			webhooks.enqueue(app, "webhook.test", 1, Map.of());
			status.setRollbackOnly();
		});
		webhooks.deliverDueNow();

		assertThat(webhooks.deliveries(app, 10)).isEmpty();
		assertThat(DOMAIN.hooks().received(key)).isEmpty();
	}

	private int pendingOf(List<String> ids) {
		return jdbc.sql("select count(*) from webhooks.deliveries where id in (:ids) and status = 'PENDING'")
			.param("ids", ids)
			.query(Integer.class)
			.single();
	}

	private void dueNow(String id) {
		jdbc.sql("update webhooks.deliveries set next_attempt_at = now() where id = :id").param("id", id).update();
	}

	private int audited(String action) {
		return jdbc.sql("select count(*) from auditlog.audit_events where action = :a and target = :t")
			.param("a", action)
			.param("t", "app:" + app)
			.query(Integer.class)
			.single();
	}


}
