package dev.gatehouse.webhooks;

import java.time.Instant;

/** One try to deliver: what the endpoint answered (or why nothing came back) and how long it took. */
public record WebhookAttempt(String deliveryId, int attempt, Instant attemptedAt, String url, Integer statusCode,
		int latencyMs, String error, String responseExcerpt) {
}
