package dev.gatehouse.webhooks.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.webhooks.WebhookEvents;
import dev.gatehouse.webhooks.WebhooksProperties;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due deliveries (any node may; a lease keeps others off them), sends them in parallel on
 * virtual threads, and records each outcome in its own transaction: delivered, retry later,
 * exhausted (the developer is told), or the endpoint disabled because it answered 410.
 *
 * <p>
 * At most {@code concurrency} attempts run at once on this node, below the database pool: an
 * attempt uses a connection before its POST (URL, secrets) and after it (the record), never
 * during it, and pages must still find connections while thousands of deliveries are due. Every
 * attempt ends recorded, failures of our own included, so no claim waits out its lease and no
 * delivery this node sent is sent again. A round that comes back full is followed at once by the
 * next; the poll interval is for an idle queue.
 */
final class DeliveryWorker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	/** A drain gives the scheduler back its thread after this long; the next poll goes on. */
	private static final long MAX_DRAIN_NANOS = java.time.Duration.ofSeconds(30).toNanos();

	/** Tries to record an outcome before the claim is left to its lease (a database outage). */
	private static final int RECORD_TRIES = 4;

	private final DeliveryRepository deliveries;

	private final EndpointRepository endpoints;

	private final WebhookSender sender;

	private final RetrySchedule schedule;

	private final WebhooksProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final int concurrency;

	private final Semaphore permits;

	private volatile boolean closed;

	/** This node in the attempt log: host, process and this worker (two contexts may share a process). */
	private final String node = hostName() + "/" + ProcessHandle.current().pid() + "/"
			+ Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));

	DeliveryWorker(DeliveryRepository deliveries, EndpointRepository endpoints, WebhookSender sender,
			RetrySchedule schedule, WebhooksProperties properties, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock, int concurrency) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.sender = sender;
		this.schedule = schedule;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.concurrency = concurrency;
		this.permits = new Semaphore(concurrency, true);
	}

	@Scheduled(fixedDelayString = "${gatehouse.webhooks.poll-interval:1s}", initialDelayString = "5s")
	void scheduledRound() {
		try {
			drain();
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery round failed: {}", ex.toString());
		}
	}

	/** Rounds back to back while each comes back full (for 30 s at most). @return deliveries claimed */
	int drain() {
		long began = System.nanoTime();
		int total = 0;
		while (!closed) {
			int claimed = round();
			total += claimed;
			if (claimed < properties.batchSize() || System.nanoTime() - began > MAX_DRAIN_NANOS) {
				return total;
			}
		}
		return total;
	}

	/** One round: claims up to a batch of due deliveries and attempts each once. @return how many were claimed */
	int round() {
		if (closed) {
			return 0;
		}
		List<DeliveryRepository.Claimed> claimed = deliveries.claim(properties.batchSize(), clock.instant(), properties.lease());
		long claimedAt = System.nanoTime();
		// One virtual thread per app, its deliveries in order: endpoints are not flooded (the outbound
		// pool holds five connections per host), and one slow endpoint does not hold up the others.
		Map<java.util.UUID, List<DeliveryRepository.Claimed>> byApp = new LinkedHashMap<>();
		claimed.forEach(d -> byApp.computeIfAbsent(d.appId(), k -> new ArrayList<>()).add(d));
		List<Future<?>> running = new ArrayList<>();
		for (var ofApp : byApp.values()) {
			try {
				running.add(executor.submit(() -> ofApp.forEach(delivery -> attempt(delivery, claimedAt))));
			}
			catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
				ofApp.forEach(deliveries::release); // not sent: due again at once for the nodes that stay
			}
		}
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (Exception ex) {
				log.warn("Webhook attempt failed: {}", ex.toString());
			}
		}
		return claimed.size();
	}

	private void attempt(DeliveryRepository.Claimed delivery, long claimedAt) {
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return; // shutting down: the claim is taken again when its lease runs out
		}
		try {
			// Waiting for a permit (or an app's earlier deliveries) ate into the lease: an attempt started
			// now might outlast it, and another node would send the same message. Give it back unsent.
			if (System.nanoTime() - claimedAt > properties.lease().toNanos() / 2) {
				deliveries.release(delivery);
				return;
			}
			Instant at = clock.instant();
			String url = null;
			WebhookSender.Outcome outcome;
			try {
				url = sender.url(new AppId(delivery.appId()));
				outcome = sender.send(delivery, url);
			}
			catch (RuntimeException ex) {
				// Our failure, before anything was posted (the database, a malformed URL): a failed attempt
				// like any other, retried on the schedule, but not held against the endpoint's health.
				log.warn("Webhook {} not sent: {}", delivery.id(), ex.toString());
				outcome = WebhookSender.Outcome.notSent("Not sent: " + ex.getClass().getSimpleName());
			}
			record(delivery, url, at, outcome);
		}
		catch (RuntimeException ex) {
			log.warn("Webhook {} claim not given back: {}", delivery.id(), ex.toString());
		}
		finally {
			permits.release();
		}
	}

	/**
	 * Records the outcome, trying again for a while when the database fails: once the POST went out,
	 * an unrecorded outcome means the delivery is sent a second time when its lease runs out.
	 */
	private void record(DeliveryRepository.Claimed delivery, String url, Instant at, WebhookSender.Outcome outcome) {
		for (int tries = 1;; tries++) {
			try {
				transactions.executeWithoutResult(status -> apply(delivery, url, at, outcome));
				return;
			}
			catch (RuntimeException ex) {
				if (tries == RECORD_TRIES) {
					log.error("Webhook {}: outcome not recorded after {} tries; it is attempted again when its lease ends",
							delivery.id(), tries, ex);
					return;
				}
				log.warn("Webhook {}: recording the outcome failed ({}), trying again", delivery.id(), ex.toString());
				try {
					Thread.sleep(250L << tries);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void apply(DeliveryRepository.Claimed delivery, String url, Instant at, WebhookSender.Outcome outcome) {
		Instant now = clock.instant();
		deliveries.recordAttempt(delivery.id(), delivery.attempt(), at, url, outcome.status(), outcome.latencyMs(),
				outcome.error(), outcome.excerpt(), node);
		AppId app = new AppId(delivery.appId());
		if (outcome.delivered()) {
			deliveries.delivered(delivery.id(), outcome.status(), now);
			endpoints.succeeded(delivery.appId(), now);
			return;
		}
		if (!outcome.ours()) {
			endpoints.failed(delivery.appId(), now);
		}
		if (outcome.gone()) {
			// 410: the receiver asks to stop. The delivery waits, due at once, until someone enables the endpoint.
			deliveries.retryAt(delivery.id(), now, outcome.status(), outcome.error());
			if (endpoints.disable(delivery.appId(), "The endpoint answered 410 Gone.", now)) {
				events.publishEvent(new WebhookEvents.EndpointDisabled(app, "The endpoint answered 410 Gone.", "system"));
			}
			return;
		}
		var next = schedule.next(delivery.attempt(), now, outcome.retryAfter());
		if (next.isPresent()) {
			deliveries.retryAt(delivery.id(), next.get(), outcome.status(), outcome.error());
			return;
		}
		deliveries.exhausted(delivery.id(), outcome.status(), outcome.error(), now);
		endpoints.exhausted(delivery.appId(), now);
		events.publishEvent(new WebhookEvents.DeliveryExhausted(app, delivery.id(), delivery.type(), delivery.attempt()));
	}

	private static String hostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/** Attempts in flight at most on this node. */
	int concurrency() {
		return concurrency;
	}

	int maxAttempts() {
		return schedule.maxAttempts();
	}

	/**
	 * Stops claiming and waits for the attempts under way to be recorded (while the database pool is
	 * still open): a node that stops sends nothing a second time.
	 */
	@Override
	public void close() {
		closed = true;
		executor.shutdown();
		try {
			if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
				log.warn("Webhook attempts still running at shutdown; their claims end with their lease");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
