package dev.gatehouse.webhooks;

import java.time.Instant;

/**
 * One try to deliver: what the endpoint answered (or why nothing came back), how long it took, and
 * which node made it ({@code host/pid/instance}).
 */
public record WebhookAttempt(String deliveryId, int attempt, Instant attemptedAt, String url, Integer statusCode,
		int latencyMs, String error, String responseExcerpt, String node) {
}
