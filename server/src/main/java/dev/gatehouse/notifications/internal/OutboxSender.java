package dev.gatehouse.notifications.internal;

import dev.gatehouse.notifications.OutboxMessage;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of delivery: claims due messages with {@code for update skip locked} and, in the same
 * transaction, sends each over SMTP and records the outcome. The row locks keep every other sender
 * (another thread, another node) away from these messages until the outcome is committed. A crash
 * between the SMTP server accepting a message and the commit sends it again: delivery is at least
 * once. Without SMTP configured ({@code spring.mail.host} unset, so no {@link JavaMailSender}) the
 * messages are HELD.
 */
@Component
class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	static final int MAX_ERROR = 300;

	private final OutboxRepository outbox;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final RetryPolicy retries;

	private final int batchSize;

	private final InternetAddress from;

	OutboxSender(OutboxRepository outbox, ObjectProvider<JavaMailSender> mailSender, Clock clock,
			PlatformTransactionManager transactionManager, NotificationsProperties properties) {
		this.outbox = outbox;
		this.mailSender = mailSender;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.retries = RetryPolicy.of(properties);
		this.batchSize = properties.batchSize();
		this.from = parseFrom(properties.from());
	}

	/** @return how many messages were claimed */
	int sendPending() {
		JavaMailSender sender = mailSender.getIfAvailable();
		Integer claimed = transaction.execute(status -> {
			List<OutboxMessage> due = outbox.claimDue(now(), batchSize);
			for (OutboxMessage message : due) {
				if (sender == null) {
					outbox.markHeld(message.id());
				}
				else {
					send(sender, message);
				}
			}
			return due.size();
		});
		return claimed == null ? 0 : claimed;
	}

	private void send(JavaMailSender sender, OutboxMessage message) {
		try {
			sender.send(mime(sender, message));
			outbox.markSent(message.id(), now());
		}
		catch (Exception ex) {
			Instant now = now();
			int attempts = message.attempts() + 1;
			Instant next = retries.exhausted(attempts) ? null : retries.nextAttempt(now, attempts);
			String error = errorText(ex);
			outbox.markFailed(message.id(), now, next, error);
			if (next == null) {
				log.warn("Email {} abandoned after {} attempts: {}", message.id(), attempts, error);
			}
			else {
				log.info("Email {} failed (attempt {}), next attempt at {}: {}", message.id(), attempts, next, error);
			}
		}
	}

	private MimeMessage mime(JavaMailSender sender, OutboxMessage message) throws MessagingException {
		MimeMessage mime = sender.createMimeMessage();
		var helper = new MimeMessageHelper(mime, message.htmlBody() != null, StandardCharsets.UTF_8.name());
		helper.setFrom(from);
		helper.setTo(message.to());
		helper.setSubject(message.subject());
		helper.setSentDate(Date.from(now()));
		if (message.htmlBody() != null) {
			helper.setText(message.textBody(), message.htmlBody());
		}
		else {
			helper.setText(message.textBody());
		}
		// The id lets an operator match a received email with its outbox row.
		mime.setHeader("X-Gatehouse-Message-Id", message.id().toString());
		return mime;
	}

	/** The failure in one short line: the exception and its innermost cause, never a stack trace. */
	static String errorText(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = ex.getClass().getSimpleName();
		if (root != ex) {
			text += " caused by " + root.getClass().getSimpleName();
		}
		if (root.getMessage() != null && !root.getMessage().isBlank()) {
			text += ": " + root.getMessage();
		}
		text = text.replaceAll("\\s+", " ").strip();
		return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static InternetAddress parseFrom(String from) {
		try {
			return new InternetAddress(from, true);
		}
		catch (MessagingException ex) {
			throw new IllegalArgumentException("gatehouse.notifications.from is not a valid address: " + from, ex);
		}
	}

}
