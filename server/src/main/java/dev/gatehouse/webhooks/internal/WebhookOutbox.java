package dev.gatehouse.webhooks.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.webhooks.WebhookAttempt;
import dev.gatehouse.webhooks.WebhookDelivery;
import dev.gatehouse.webhooks.WebhookEndpoint;
import dev.gatehouse.webhooks.WebhookEvents;
import dev.gatehouse.webhooks.Webhooks;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** {@link Webhooks} over the outbox tables. */
@Service
class WebhookOutbox implements Webhooks {

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DeliveryRepository deliveries;

	private final EndpointRepository endpoints;

	private final DeliveryWorker worker;

	private final WebhookSender sender;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	WebhookOutbox(DeliveryRepository deliveries, EndpointRepository endpoints, DeliveryWorker worker,
			WebhookSender sender, ApplicationEventPublisher events, Clock clock) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.worker = worker;
		this.sender = sender;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public String enqueue(AppId app, String type, int version, Map<String, Object> data) {
		if (type == null || !TYPE.matcher(type).matches()) {
			throw new IllegalArgumentException("An event type is dotted lower-case words, like subject.erasure_requested");
		}
		Instant now = clock.instant();
		String id = "msg_" + randomId();
		var payload = new LinkedHashMap<String, Object>();
		payload.put("type", type);
		payload.put("version", version);
		payload.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
		payload.put("data", data == null ? Map.of() : data);
		deliveries.insert(id, app.value(), type, json.writeValueAsString(payload), now);
		return id;
	}

	@Override
	@Transactional
	public String sendTest(AppId app, String actor) {
		return enqueue(app, "webhook.test", 1, Map.of("app", app.toString(), "requestedBy", actor));
	}

	@Override
	public WebhookEndpoint endpoint(AppId app) {
		String url = sender.url(app);
		var row = endpoints.find(app.value()).orElse(null);
		if (row == null) {
			return new WebhookEndpoint(app, url, true, null, null, 0, null, null, 0, "healthy");
		}
		String health = !row.enabled() ? "disabled" : row.exhaustedCount() > 0 ? "exhausted"
				: row.consecutiveFailures() > 0 ? "failing" : "healthy";
		return new WebhookEndpoint(app, url, row.enabled(), row.disabledReason(), row.disabledAt(),
				row.consecutiveFailures(), row.lastSuccessAt(), row.lastFailureAt(), row.exhaustedCount(), health);
	}

	@Override
	public List<WebhookDelivery> deliveries(AppId app, int limit) {
		return deliveries.ofApp(app.value(), Math.clamp(limit, 1, 500));
	}

	@Override
	public Optional<WebhookDelivery> delivery(AppId app, String deliveryId) {
		return deliveries.find(deliveryId).filter(d -> d.appId().equals(app.value()));
	}

	@Override
	public List<WebhookAttempt> attempts(AppId app, String deliveryId) {
		delivery(app, deliveryId).orElseThrow(() -> new NotFoundException("No such delivery."));
		return deliveries.attempts(deliveryId);
	}

	@Override
	@Transactional
	public void redeliver(AppId app, String deliveryId, String actor) {
		var delivery = delivery(app, deliveryId).orElseThrow(() -> new NotFoundException("No such delivery."));
		if ("PENDING".equals(delivery.status())) {
			throw new InputRejectedException("delivery", "The delivery is still being retried.");
		}
		// One more attempt: the count goes back to one below the last, so a failure ends it again.
		deliveries.requeue(deliveryId, app.value(), clock.instant(), Math.max(0, worker.maxAttempts() - 1));
		events.publishEvent(new WebhookEvents.RedeliveryRequested(app, deliveryId, actor));
	}

	@Override
	@Transactional
	public void disable(AppId app, String reason, String actor) {
		if (endpoints.disable(app.value(), reason, clock.instant())) {
			events.publishEvent(new WebhookEvents.EndpointDisabled(app, reason, actor));
		}
	}

	@Override
	@Transactional
	public void enable(AppId app, String actor) {
		if (endpoints.enable(app.value(), clock.instant())) {
			events.publishEvent(new WebhookEvents.EndpointEnabled(app, actor));
		}
	}

	@Override
	public int deliverDueNow() {
		return worker.drain();
	}

	private static String randomId() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
