package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to an app; its id is the {@code webhook-id} header, the same on every attempt.
 *
 * @param status {@code PENDING}, {@code DELIVERED}, {@code EXHAUSTED} or {@code CANCELLED}
 */
public record WebhookDelivery(String id, UUID appId, String eventType, String payload, String status, int attempts,
		Instant nextAttemptAt, Instant createdAt, Instant finishedAt, Integer lastStatus, String lastError) {
}
