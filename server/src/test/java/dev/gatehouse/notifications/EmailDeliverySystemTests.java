package dev.gatehouse.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Real SMTP delivery to GreenMail on a free local port. */
@SpringBootTest(properties = "spring.mail.host=127.0.0.1")
class EmailDeliverySystemTests {

	static final int SMTP_PORT = FreePorts.find();

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@Autowired
	Notifications notifications;

	@Autowired
	MailTemplates templates;

	@Test
	void emailWhenSmtpConfiguredThenSentAndReceivedWithSubjectBodyAndTo() throws Exception {
		String to = TestEmails.randomAddress();
		UUID recipient = UUID.randomUUID();
		UUID id = notifications.email(TestEmails.plain(to).withRecipient(recipient));
		assertThat(notifications.message(id)).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(OutboxStatus.QUEUED));

		sendAll();

		OutboxMessage sent = notifications.message(id).orElseThrow();
		assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
		assertThat(sent.sentAt()).isNotNull();
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(sent.nextAttemptAt()).isNull();
		assertThat(sent.recipientUserId()).isEqualTo(recipient);
		List<MimeMessage> received = receivedBy(to);
		assertThat(received).hasSize(1);
		MimeMessage mail = received.getFirst();
		assertThat(mail.getSubject()).isEqualTo("Hello " + to);
		assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(to);
		assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Gatehouse <no-reply@gatehouse.local>");
		assertThat(mail.getHeader("X-Gatehouse-Message-Id")).containsExactly(id.toString());
		assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n")).isEqualTo("Line one\nLine two for " + to);
	}

	@Test
	void emailWhenFromTemplateWithHtmlThenSentAsTextAndHtmlAlternatives() throws Exception {
		String to = TestEmails.randomAddress();
		var message = templates.message(to, "tests.template", "tests/greeting", Map.of("name", "Ada", "code", "123456"))
			.withHtml("<p>Hello <b>Ada</b></p>");

		UUID id = notifications.email(message);
		sendAll();

		assertThat(notifications.message(id).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
		MimeMessage mail = receivedBy(to).getFirst();
		assertThat(mail.getSubject()).isEqualTo("Your code for Ada");
		String raw = GreenMailUtil.getWholeMessage(mail);
		assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html");
		assertThat(raw).contains("Hello Ada,").contains("your code is 123456.").contains("<p>Hello <b>Ada</b></p>");
		assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
	}

	@Test
	void sendPendingWhenTwoSendersRunConcurrentlyThenEachMessageIsSentOnce() throws Exception {
		List<String> addresses = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			String to = TestEmails.randomAddress();
			addresses.add(to);
			ids.add(notifications.email(TestEmails.plain(to)));
		}
		var start = new CyclicBarrier(2);
		Callable<Integer> sender = () -> {
			start.await(10, TimeUnit.SECONDS);
			int total = 0;
			for (int claimed = notifications.sendPendingNow(); claimed > 0; claimed = notifications.sendPendingNow()) {
				total += claimed;
			}
			return total;
		};
		List<Integer> claimedPerSender = new ArrayList<>();
		try (var pool = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> results = pool.invokeAll(List.of(sender, sender));
			for (Future<Integer> result : results) {
				claimedPerSender.add(result.get(60, TimeUnit.SECONDS));
			}
		}

		assertThat(claimedPerSender.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(ids.size());
		assertThat(ids).allSatisfy(id -> {
			OutboxMessage message = notifications.message(id).orElseThrow();
			assertThat(message.status()).isEqualTo(OutboxStatus.SENT);
			assertThat(message.attempts()).isEqualTo(1);
		});
		Map<String, Long> receivedPerAddress = Arrays.stream(greenMail.getReceivedMessages())
			.map(EmailDeliverySystemTests::firstRecipient)
			.filter(new HashSet<>(addresses)::contains)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(receivedPerAddress).hasSize(addresses.size()).allSatisfy((to, count) -> assertThat(count).isOne());
	}

	/** Runs sender rounds until nothing is due; other tests' leftovers may come first. */
	private void sendAll() {
		while (notifications.sendPendingNow() > 0) {
			// keep going
		}
	}

	private static List<MimeMessage> receivedBy(String to) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> to.equals(firstRecipient(m))).toList();
	}

	private static String firstRecipient(MimeMessage message) {
		try {
			var recipients = message.getRecipients(Message.RecipientType.TO);
			return recipients == null || recipients.length == 0 ? null : recipients[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
