/**
 * Signed webhooks to apps (Standard Webhooks): a durable outbox written in the transaction of the
 * change that caused each event, delivered by whichever node claims it first, retried with
 * exponential backoff and jitter for about three days, with a delivery log, redelivery, endpoint
 * health and developer notices when a delivery is exhausted.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "shared", "apps", "developers", "notifications", "identity" })
package dev.gatehouse.webhooks;
