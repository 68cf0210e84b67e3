package dev.gatehouse.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notifications module. SMTP itself is Spring Boot's {@code spring.mail.*}: with
 * {@code spring.mail.host} set, emails are sent; without it they are held in the outbox.
 *
 * @param from the sender address of every email
 * @param sendOnSchedule whether the sender runs by itself; tests turn it off and call
 * {@code Notifications.sendPendingNow()}
 * @param sendInterval the pause between the end of one sender round and the start of the next
 * @param batchSize messages claimed per round
 * @param maxAttempts attempts before a message is ABANDONED
 * @param initialBackoff the wait after the first failure; it doubles with each further failure
 * @param maxBackoff the longest wait between two attempts
 */
@ConfigurationProperties("gatehouse.notifications")
record NotificationsProperties(@DefaultValue("Gatehouse <no-reply@gatehouse.local>") String from,
		@DefaultValue("true") boolean sendOnSchedule, @DefaultValue("2s") Duration sendInterval,
		@DefaultValue("20") int batchSize, @DefaultValue("8") int maxAttempts,
		@DefaultValue("1m") Duration initialBackoff, @DefaultValue("6h") Duration maxBackoff) {

	NotificationsProperties {
		if (sendInterval.isNegative() || sendInterval.isZero()) {
			throw new IllegalArgumentException("gatehouse.notifications.send-interval must be positive");
		}
		if (batchSize < 1 || maxAttempts < 1) {
			throw new IllegalArgumentException("gatehouse.notifications batch-size and max-attempts must be at least 1");
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("gatehouse.notifications.max-backoff must not be below initial-backoff");
		}
	}

}
