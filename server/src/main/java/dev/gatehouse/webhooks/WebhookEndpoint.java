package dev.gatehouse.webhooks;

import dev.gatehouse.apps.AppId;

import java.time.Instant;

/**
 * An app's webhook endpoint as Gatehouse sees it.
 *
 * @param url the live revision's webhook URL; null when the app registered none
 * @param health {@code healthy}, {@code failing} (the last attempts failed), {@code exhausted}
 * (a delivery ran out of retries since the last success) or {@code disabled}
 */
public record WebhookEndpoint(AppId appId, String url, boolean enabled, String disabledReason,
		Instant disabledAt, int consecutiveFailures, Instant lastSuccessAt, Instant lastFailureAt, int exhaustedCount,
		String health) {
}
