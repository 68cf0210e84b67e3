/**
 * Notifications: email through a durable outbox, and an in-app inbox per user. Other modules call
 * {@link dev.gatehouse.notifications.Notifications}; an email is written to the outbox in the
 * caller's transaction (so it is sent only if the caller commits) and a scheduled sender delivers it
 * over SMTP with retries and backoff. Without SMTP configured, emails are held in the outbox, where
 * operators read them on {@code /operator/outbox}. Users read their in-app notifications on
 * {@code /inbox}. Recipients are plain user ids and addresses: this module knows nothing of accounts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package dev.gatehouse.notifications;
