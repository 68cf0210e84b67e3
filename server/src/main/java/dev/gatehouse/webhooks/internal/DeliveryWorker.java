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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due deliveries (any node may; a lease keeps others off them), sends them in parallel on
 * virtual threads, and records each outcome in its own transaction: delivered, retry later,
 * exhausted (the developer is told), or the endpoint disabled because it answered 410.
 */
final class DeliveryWorker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final DeliveryRepository deliveries;

	private final EndpointRepository endpoints;

	private final WebhookSender sender;

	private final RetrySchedule schedule;

	private final WebhooksProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	/** This node in the attempt log: host, process and this worker (two contexts may share a process). */
	private final String node = hostName() + "/" + ProcessHandle.current().pid() + "/"
			+ Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));

	DeliveryWorker(DeliveryRepository deliveries, EndpointRepository endpoints, WebhookSender sender,
			RetrySchedule schedule, WebhooksProperties properties, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.sender = sender;
		this.schedule = schedule;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${gatehouse.webhooks.poll-interval:1s}", initialDelayString = "5s")
	void scheduledRound() {
		try {
			round();
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery round failed: {}", ex.toString());
		}
	}

	/** One round: claims up to a batch of due deliveries and attempts each once. @return how many were attempted */
	int round() {
		List<DeliveryRepository.Claimed> claimed = deliveries.claim(properties.batchSize(), clock.instant(), properties.lease());
		// One virtual thread per app, its deliveries in order: endpoints are not flooded (the outbound
		// pool holds five connections per host), and one slow endpoint does not hold up the others.
		Map<java.util.UUID, List<DeliveryRepository.Claimed>> byApp = new LinkedHashMap<>();
		claimed.forEach(d -> byApp.computeIfAbsent(d.appId(), k -> new ArrayList<>()).add(d));
		List<Future<?>> running = new ArrayList<>();
		for (var ofApp : byApp.values()) {
			running.add(executor.submit(() -> ofApp.forEach(this::attempt)));
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

	private void attempt(DeliveryRepository.Claimed delivery) {
		String url = sender.url(new AppId(delivery.appId()));
		Instant at = clock.instant();
		WebhookSender.Outcome outcome = sender.send(delivery, url);
		transactions.executeWithoutResult(status -> record(delivery, url, at, outcome));
	}

	private void record(DeliveryRepository.Claimed delivery, String url, Instant at, WebhookSender.Outcome outcome) {
		Instant now = clock.instant();
		deliveries.recordAttempt(delivery.id(), delivery.attempt(), at, url, outcome.status(), outcome.latencyMs(),
				outcome.error(), outcome.excerpt(), node);
		AppId app = new AppId(delivery.appId());
		if (outcome.delivered()) {
			deliveries.delivered(delivery.id(), outcome.status(), now);
			endpoints.succeeded(delivery.appId(), now);
			return;
		}
		endpoints.failed(delivery.appId(), now);
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

	int maxAttempts() {
		return schedule.maxAttempts();
	}

	@Override
	public void close() {
		executor.shutdown();
	}

}
