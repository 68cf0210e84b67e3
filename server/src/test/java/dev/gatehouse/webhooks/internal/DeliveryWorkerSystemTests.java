package dev.gatehouse.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.webhooks.WebhookAttempt;
import dev.gatehouse.webhooks.Webhooks;
import dev.gatehouse.webhooks.WebhooksProperties;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker under failures and load, on the real database and a real receiver. Each test's
 * deliveries are due a day from now and delivered by a worker of its own whose clock is a day ahead,
 * so the context's scheduled worker (which runs every second) never takes them: what is measured is
 * this worker alone.
 */
class DeliveryWorkerSystemTests extends FullStackTest {

	private static final Duration AHEAD = Duration.ofDays(1);

	@Autowired
	ApplicationContext context;

	@Autowired
	Webhooks webhooks;

	@Autowired
	AppCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Accounts accounts;

	private final List<DeliveryWorker> workers = new ArrayList<>();

	@AfterEach
	void closeWorkers() {
		workers.forEach(DeliveryWorker::close);
	}

	@Test
	void attemptWhenSendingThrowsThenAFailedAttemptIsRecordedTheClaimReleasedAndItIsSentOnceLater() {
		var endpoint = endpoint();
		// A URL no request can be built from: the attempt throws before anything is posted.
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(endpoint.key()) + " broken")
			.param("app", endpoint.app().value())
			.update();
		String id = enqueueAhead(endpoint.app(), 1).getFirst();
		var worker = worker(10, 5);

		worker.drain();

		var afterFailure = webhooks.delivery(endpoint.app(), id).orElseThrow();
		assertThat(afterFailure.status()).isEqualTo("PENDING");
		assertThat(afterFailure.lastError()).startsWith("Not sent");
		assertThat(webhooks.attempts(endpoint.app(), id)).singleElement()
			.satisfies(a -> assertThat(a.error()).startsWith("Not sent"));
		assertThat(leaseReleased(id)).as("claim given back, not left to its lease").isTrue();
		assertThat(webhooks.endpoint(endpoint.app()).health()).as("our failure, not the endpoint's").isEqualTo("healthy");

		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(endpoint.key()))
			.param("app", endpoint.app().value())
			.update();
		dueAhead(id);
		worker.drain();
		dueAhead(id);
		worker.drain();

		assertThat(DOMAIN.hooks().received(endpoint.key())).extracting(r -> r.id()).containsExactly(id);
		assertThat(webhooks.delivery(endpoint.app(), id).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThat(webhooks.attempts(endpoint.app(), id)).extracting(WebhookAttempt::statusCode).containsExactly(null, 200);
	}

	@Test
	void attemptWhenRecordingFailsAfterThePostThenRecordedOnAnotherTryAndNotSentTwice() {
		var endpoint = endpoint();
		String id = enqueueAhead(endpoint.app(), 1).getFirst();
		String name = "test_fail_once_" + UUID.randomUUID().toString().replace("-", "");
		// The database refuses the first record of this delivery's attempt (a sequence is not rolled back).
		jdbc.sql("create sequence webhooks." + name).update();
		jdbc.sql("""
				create function webhooks.%1$s() returns trigger language plpgsql as $f$
				begin
				  if new.delivery_id = '%2$s' and nextval('webhooks.%1$s') = 1 then
				    raise exception 'the database failed once';
				  end if;
				  return new;
				end $f$""".formatted(name, id)).update();
		jdbc.sql("create trigger " + name + " before insert on webhooks.attempts for each row execute function webhooks."
				+ name + "()").update();
		try {
			var worker = worker(10, 5);

			worker.drain();
			worker.drain();
		}
		finally {
			jdbc.sql("drop trigger " + name + " on webhooks.attempts").update();
			jdbc.sql("drop function webhooks." + name + "()").update();
			jdbc.sql("drop sequence webhooks." + name).update();
		}

		assertThat(DOMAIN.hooks().received(endpoint.key())).extracting(r -> r.id()).containsExactly(id);
		assertThat(webhooks.delivery(endpoint.app(), id).orElseThrow().status()).isEqualTo("DELIVERED");
		assertThat(webhooks.attempts(endpoint.app(), id)).extracting(WebhookAttempt::statusCode).containsExactly(200);
		assertThat(leaseReleased(id)).isTrue();
	}

	@Test
	void deliverWhenManyAppsAreDueToASlowReceiverThenAttemptsInFlightNeverExceedTheCap() {
		List<Endpoint> endpoints = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			var endpoint = endpoint();
			endpoints.add(endpoint);
			ids.addAll(enqueueAhead(endpoint.app(), 3));
		}
		DOMAIN.hooks().slow(Duration.ofMillis(150), endpoints.stream().map(Endpoint::key).toList());
		// The outbound pool allows five connections to the receiver: a cap of three is below it.
		var worker = worker(50, 3);

		worker.drain();

		assertThat(DOMAIN.hooks().slowMostAtOnce()).isBetween(2, 3);
		assertThat(received(endpoints)).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void drainWhenARoundComesBackFullThenTheNextIsClaimedAtOnce() {
		var endpoint = endpoint();
		List<String> ids = enqueueAhead(endpoint.app(), 23);
		var worker = worker(5, 5);

		int claimed = worker.drain();

		assertThat(claimed).isGreaterThanOrEqualTo(23);
		assertThat(DOMAIN.hooks().received(endpoint.key())).extracting(r -> r.id()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(ids).allSatisfy(id -> assertThat(webhooks.delivery(endpoint.app(), id).orElseThrow().status())
			.isEqualTo("DELIVERED"));
	}

	@Test
	void pageWhenHundredsOfDeliveriesAreDueToASlowReceiverThenItIsServedWhileTheyGoOut() throws Exception {
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer.user());
		List<Endpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			endpoints.add(endpoint());
		}
		DOMAIN.hooks().slow(Duration.ofMillis(150), endpoints.stream().map(Endpoint::key).toList());
		var web = signIn(developer);
		// 300 due now, for the context's own worker (its schedule and this test's calls share its cap).
		List<String> ids = transactions.execute(status -> {
			List<String> queued = new ArrayList<>();
			for (var endpoint : endpoints) {
				for (int i = 0; i < 30; i++) {
					queued.add(webhooks.enqueue(endpoint.app(), "webhook.test", 1, Map.of("n", i)));
				}
			}
			return queued;
		});
		Thread delivering = Thread.ofVirtual().start(() -> {
			while (webhooks.deliverDueNow() > 0) {
				// until nothing is due
			}
		});
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (DOMAIN.hooks().slowInFlight() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}

		for (int i = 0; i < 3; i++) {
			assertThat(web.get("/developer/apps/" + app.id() + "/webhooks").statusCode()).isEqualTo(200);
		}
		assertThat(received(endpoints)).as("the pages were served while the deliveries were going out").hasSizeLessThan(300);

		delivering.join(Duration.ofMinutes(2));
		deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (received(endpoints).size() < ids.size() && System.nanoTime() < deadline) {
			Thread.sleep(50); // the scheduled round may still have a few in flight
		}
		assertThat(received(endpoints)).containsExactlyInAnyOrderElementsOf(ids);
	}

	private static List<String> received(List<Endpoint> endpoints) {
		return endpoints.stream().flatMap(e -> DOMAIN.hooks().received(e.key()).stream()).map(r -> r.id()).toList();
	}

	/** A worker like the context's, with this batch size and cap, and its clock a day ahead. */
	private DeliveryWorker worker(int batchSize, int concurrency) {
		var p = context.getBean(WebhooksProperties.class);
		var properties = new WebhooksProperties(p.schedule(), p.jitter(), p.maxRetryAfter(), p.lease(), batchSize,
				p.pollInterval(), true, concurrency);
		var worker = new DeliveryWorker(context.getBean(DeliveryRepository.class), context.getBean(EndpointRepository.class),
				context.getBean(WebhookSender.class), context.getBean(RetrySchedule.class), properties, transactions,
				context, Clock.offset(Clock.systemUTC(), AHEAD.plusMinutes(1)), concurrency);
		workers.add(worker);
		return worker;
	}

	/** Queued and due a day from now in one transaction: the scheduled worker never sees them due. */
	private List<String> enqueueAhead(AppId app, int count) {
		return transactions.execute(status -> {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = webhooks.enqueue(app, "webhook.test", 1, Map.of("n", i));
				dueAhead(id);
				ids.add(id);
			}
			return ids;
		});
	}

	private void dueAhead(String id) {
		jdbc.sql("update webhooks.deliveries set next_attempt_at = now() + interval '1 day' where id = :id")
			.param("id", id)
			.update();
	}

	private boolean leaseReleased(String id) {
		return jdbc.sql("select lease_until is null from webhooks.deliveries where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	private Endpoint endpoint() {
		var fixture = AppFixtures.draftApp(context);
		String key = UUID.randomUUID().toString();
		jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
			.param("url", DOMAIN.hookUrl(key))
			.param("app", fixture.app().id().value())
			.update();
		credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id());
		return new Endpoint(fixture.app().id(), key);
	}

	private record Endpoint(AppId app, String key) {
	}

}
