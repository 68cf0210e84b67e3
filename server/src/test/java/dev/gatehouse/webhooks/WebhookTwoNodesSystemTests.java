package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Gatehouse instances on one PostgreSQL, both delivering: every message goes out exactly once,
 * whichever node claims it, and a node that stops mid-way loses nothing.
 */
class WebhookTwoNodesSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Webhooks webhooks;

	@Autowired
	AppCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deliverWhenTwoNodesDeliverAndOneStopsThenEveryMessageArrivesExactlyOnce() throws Exception {
		List<String> keys = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		List<AppId> apps = new ArrayList<>();
		for (int a = 0; a < 4; a++) {
			var fixture = AppFixtures.draftApp(context);
			String key = UUID.randomUUID().toString();
			jdbc.sql("update apps.revisions set webhook_url = :url where app_id = :app")
				.param("url", DOMAIN.hookUrl(key))
				.param("app", fixture.app().id().value())
				.update();
			credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id());
			keys.add(key);
			apps.add(fixture.app().id());
		}
		var second = new SpringApplicationBuilder(GatehouseApplication.class).properties(
				"server.port=0", "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT,
				"gatehouse.outbound.allowed-hosts=localhost", "gatehouse.outbound.allowed-ports=" + DOMAIN.port(),
				"gatehouse.webhooks.allow-http=true", "gatehouse.webhooks.poll-interval=50ms",
				"gatehouse.webhooks.batch-size=5", "gatehouse.developers.verification-scheme=http")
			.run();
		try {
			// The second node's worker starts five seconds after its context.
			Thread.sleep(5_500);
			// A node drains while its rounds come back full: slow answers keep the first node's rounds
			// long enough for the other to find due rows too, whichever polls first.
			DOMAIN.hooks().slow(java.time.Duration.ofMillis(30), keys);
			for (int i = 0; i < 200; i++) {
				ids.add(webhooks.enqueue(apps.get(i % apps.size()), "webhook.test", 1, Map.of("n", i)));
			}
			// Both nodes' schedules deliver (this one every second, the other every 50 ms) until half is out.
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (received(keys) < 100 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}
		finally {
			second.close();
		}
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (pending(apps) > 0 && System.nanoTime() < deadline) {
			webhooks.deliverDueNow();
			// A delivery the stopped node had claimed waits for its lease: end the wait, as time would. Only
			// for claims older than any attempt takes (the lease is two minutes): a lease younger than that
			// may be this node's scheduled round sending right now, and ending it would send twice.
			jdbc.sql("""
					update webhooks.deliveries set lease_until = now() where status = 'PENDING' and lease_until > now()
					  and lease_until < now() + interval '2 minutes' - interval '5 seconds'""")
				.update();
		}

		List<String> arrived = new ArrayList<>();
		keys.forEach(key -> DOMAIN.hooks().received(key).forEach(r -> arrived.add(r.id())));
		assertThat(pending(apps)).isZero();
		assertThat(nodes(apps)).as("attempts made by both nodes").isEqualTo(2);
		assertThat(arrived).containsExactlyInAnyOrderElementsOf(ids);
	}

	private int received(List<String> keys) {
		return keys.stream().mapToInt(key -> DOMAIN.hooks().received(key).size()).sum();
	}

	private int pending(List<AppId> apps) {
		return jdbc.sql("select count(*) from webhooks.deliveries where status = 'PENDING' and app_id = any(:apps)")
			.param("apps", apps.stream().map(AppId::value).toArray(UUID[]::new))
			.query(Integer.class)
			.single();
	}

	private long nodes(List<AppId> apps) {
		return jdbc.sql("""
				select count(distinct a.node) from webhooks.attempts a join webhooks.deliveries d on d.id = a.delivery_id
				where d.app_id = any(:apps)""")
			.param("apps", apps.stream().map(AppId::value).toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}


}
