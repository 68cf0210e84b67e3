package dev.gatehouse.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SMTP configured, but nothing listens on its port: every attempt fails. */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "gatehouse.notifications.max-attempts=3",
		"gatehouse.notifications.initial-backoff=1m", "gatehouse.notifications.max-backoff=90s" })
class EmailRetrySystemTests {

	static final int CLOSED_PORT = FreePorts.find();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> CLOSED_PORT);
	}

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void emailWhenSmtpUnreachableThenFailedWithBackoffThenAbandonedAfterMaxAttempts() {
		UUID id = notifications.email(TestEmails.plain(TestEmails.randomAddress()));

		OutboxMessage first = attempt(id);
		assertThat(first.status()).isEqualTo(OutboxStatus.FAILED);
		assertThat(first.attempts()).isEqualTo(1);
		assertThat(Duration.between(first.lastAttemptAt(), first.nextAttemptAt())).isEqualTo(Duration.ofMinutes(1));
		assertThat(first.sentAt()).isNull();
		assertThat(first.lastError()).contains("MailSendException", "ConnectException")
			.doesNotContain("\n", "\tat ", "at org.")
			.hasSizeLessThanOrEqualTo(300);

		notifications.sendPendingNow();
		assertThat(notifications.message(id).orElseThrow().attempts()).as("not due yet, so not tried").isEqualTo(1);

		OutboxMessage second = attempt(id);
		assertThat(second.status()).isEqualTo(OutboxStatus.FAILED);
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(Duration.between(second.lastAttemptAt(), second.nextAttemptAt()))
			.as("doubled, but capped at max-backoff")
			.isEqualTo(Duration.ofSeconds(90));

		OutboxMessage third = attempt(id);
		assertThat(third.status()).isEqualTo(OutboxStatus.ABANDONED);
		assertThat(third.attempts()).isEqualTo(3);
		assertThat(third.nextAttemptAt()).isNull();
		assertThat(third.lastError()).contains("ConnectException");

		makeDue(id);
		sendAll();
		assertThat(notifications.message(id).orElseThrow().attempts()).as("abandoned for good").isEqualTo(3);
	}

	/** Makes the message due now (if it is waiting) and runs the sender until nothing is due. */
	private OutboxMessage attempt(UUID id) {
		makeDue(id);
		sendAll();
		return notifications.message(id).orElseThrow();
	}

	private void makeDue(UUID id) {
		jdbc.sql("update notifications.outbox set next_attempt_at = :past where id = :id and next_attempt_at is not null")
			.param("past", Timestamp.from(Instant.now().minusSeconds(1)))
			.param("id", id)
			.update();
	}

	private void sendAll() {
		while (notifications.sendPendingNow() > 0) {
			// keep going: other tests' leftovers may be due too
		}
	}

}
