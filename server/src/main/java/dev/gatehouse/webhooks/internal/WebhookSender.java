package dev.gatehouse.webhooks.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.shared.net.OutboundRequest;
import dev.gatehouse.shared.net.OutboundRequestFailed;
import dev.gatehouse.shared.net.OutboundRequestRefused;
import dev.gatehouse.shared.net.OutboundResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt: the Standard Webhooks headers ({@code webhook-id} stable across attempts,
 * {@code webhook-timestamp} of this attempt, {@code webhook-signature} with every current secret)
 * posted through the SSRF-safe outbound client (no redirects, public addresses only, timeouts).
 */
final class WebhookSender {

	private static final int EXCERPT = 500;

	private final AppRegistry registry;

	private final AppCredentials credentials;

	private final OutboundHttpClient http;

	private final Clock clock;

	private final boolean allowHttp;

	WebhookSender(AppRegistry registry, AppCredentials credentials, OutboundHttpClient http, Clock clock, boolean allowHttp) {
		this.registry = registry;
		this.credentials = credentials;
		this.http = http;
		this.clock = clock;
		this.allowHttp = allowHttp;
	}

	/** The endpoint URL: the live revision's, or the draft's for an app not yet live. */
	String url(AppId appId) {
		App app = registry.find(appId).orElse(null);
		if (app == null) {
			return null;
		}
		return registry.liveRevision(app)
			.or(() -> registry.draftRevision(app))
			.map(revision -> revision.content().webhookUrl())
			.filter(url -> url != null && !url.isBlank())
			.orElse(null);
	}

	Outcome send(DeliveryRepository.Claimed delivery, String url) {
		Instant start = clock.instant();
		if (url == null) {
			return Outcome.failure(null, 0, "The app has no webhook URL.", null, Optional.empty());
		}
		long timestamp = start.getEpochSecond();
		Optional<String> signature = credentials.signWebhook(new AppId(delivery.appId()), delivery.id(), timestamp,
				delivery.payload());
		if (signature.isEmpty()) {
			return Outcome.failure(null, 0, "The app has no webhook signing secret; create one on its credentials page.",
					null, Optional.empty());
		}
		var request = OutboundRequest.postJson(URI.create(url), delivery.payload())
			.withHeader("webhook-id", delivery.id())
			.withHeader("webhook-timestamp", Long.toString(timestamp))
			.withHeader("webhook-signature", signature.get());
		if (allowHttp) {
			request = request.allowingHttp();
		}
		long began = System.nanoTime();
		try {
			OutboundResponse response = http.execute(request);
			int latency = (int) ((System.nanoTime() - began) / 1_000_000);
			String excerpt = excerpt(response);
			if (response.status() >= 200 && response.status() < 300) {
				return new Outcome(response.status(), latency, null, excerpt, Optional.empty(), true, false, false);
			}
			Optional<Duration> retryAfter = RetrySchedule.retryAfter(response.header("retry-after").orElse(null), clock.instant());
			return new Outcome(response.status(), latency, "The endpoint answered " + response.status() + ".", excerpt,
					retryAfter, false, response.status() == 410, false);
		}
		catch (OutboundRequestRefused ex) {
			return Outcome.failure(null, (int) ((System.nanoTime() - began) / 1_000_000),
					"Refused: " + ex.getMessage(), null, Optional.empty());
		}
		catch (OutboundRequestFailed ex) {
			return Outcome.failure(null, (int) ((System.nanoTime() - began) / 1_000_000),
					"No answer: " + ex.getMessage(), null, Optional.empty());
		}
	}

	private static String excerpt(OutboundResponse response) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		return body.length() > EXCERPT ? body.substring(0, EXCERPT) : body;
	}

	/**
	 * @param gone the endpoint answered 410: it asks not to be called again
	 * @param ours the attempt failed on Gatehouse's side before anything was posted: not the endpoint's fault
	 */
	record Outcome(Integer status, int latencyMs, String error, String excerpt, Optional<Duration> retryAfter,
			boolean delivered, boolean gone, boolean ours) {

		static Outcome failure(Integer status, int latencyMs, String error, String excerpt, Optional<Duration> retryAfter) {
			return new Outcome(status, latencyMs, error, excerpt, retryAfter, false, false, false);
		}

		static Outcome notSent(String error) {
			return new Outcome(null, 0, error, null, Optional.empty(), false, false, true);
		}

	}

}
