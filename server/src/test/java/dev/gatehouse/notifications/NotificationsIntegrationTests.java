package dev.gatehouse.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.shared.web.InputRejectedException;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The default test context: no SMTP configured. */
@SpringBootTest
class NotificationsIntegrationTests {

	@Autowired
	Notifications notifications;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void emailWhenNoSmtpConfiguredThenQueuedThenHeldInTheOutbox() {
		String to = TestEmails.randomAddress();
		UUID id = notifications.email(TestEmails.plain(to));
		assertThat(notifications.message(id).orElseThrow().status()).isEqualTo(OutboxStatus.QUEUED);

		while (notifications.sendPendingNow() > 0) {
			// other tests' leftovers may come first
		}

		OutboxMessage held = notifications.message(id).orElseThrow();
		assertThat(held.status()).isEqualTo(OutboxStatus.HELD);
		assertThat(held.attempts()).isZero();
		assertThat(held.nextAttemptAt()).isNull();
		assertThat(held.textBody()).isEqualTo("Line one\nLine two for " + to);
		assertThat(notifications.outbox(OutboxQuery.to(to))).extracting(OutboxMessage::id).containsExactly(id);
	}

	@Test
	void emailWhenCallerRollsBackThenNothingIsQueuedOrAudited() {
		String to = TestEmails.randomAddress();
		UUID[] id = new UUID[1];

		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			id[0] = notifications.email(TestEmails.plain(to));
			status.setRollbackOnly();
		});

		assertThat(notifications.message(id[0])).isEmpty();
		assertThat(notifications.outbox(OutboxQuery.to(to))).isEmpty();
		assertThat(auditLog.find(AuditQuery.forTarget("email:" + id[0])).entries()).isEmpty();
	}

	@Test
	void emailWhenQueuedThenAuditedWithAddressAndCategoryButNotTheBody() {
		String to = TestEmails.randomAddress();

		UUID id = notifications.email(EmailMessage.of(to, "tests.audited", "Secret subject", "code 424242"));

		var entries = auditLog.find(AuditQuery.forTarget("email:" + id)).entries();
		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo("notifications.email.queued");
			assertThat(entry.details()).contains(to, "tests.audited").doesNotContain("424242", "Secret subject");
		});
	}

	@Test
	void outboxWhenFilteredByCategoryAndStatusThenOnlyMatchingMessages() {
		String to = TestEmails.randomAddress();
		UUID first = notifications.email(EmailMessage.of(to, "tests.filter.one", "One", "1"));
		UUID second = notifications.email(EmailMessage.of(to, "tests.filter.two", "Two", "2"));

		assertThat(notifications.outbox(new OutboxQuery(to.toUpperCase(), null, null, 10))).extracting(OutboxMessage::id)
			.containsExactly(second, first);
		assertThat(notifications.outbox(new OutboxQuery(to, "tests.filter.t", null, 10))).extracting(OutboxMessage::id)
			.containsExactly(second);
		assertThat(notifications.outbox(new OutboxQuery(to, null, OutboxStatus.SENT, 10))).isEmpty();
		assertThat(notifications.outbox(new OutboxQuery("%", "tests.filter.%", null, 10))).as("wildcards are literal")
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "someone@example.test\r\nBcc: victim@example.test", "not an address", "a@b", "<a@b.test>" })
	void emailWhenAddressIsNotOneAddressThenRejected(String to) {
		assertThatExceptionOfType(InputRejectedException.class).isThrownBy(() -> EmailMessage.of(to, "tests.bad", "Hi", "x"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("to"));
	}

	@Test
	void emailWhenSubjectHasLineBreakThenRejected() {
		assertThatExceptionOfType(InputRejectedException.class)
			.isThrownBy(() -> EmailMessage.of(TestEmails.randomAddress(), "tests.bad", "Hi\r\nBcc: x@example.test", "x"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("subject"));
	}

	@Test
	void inboxWhenItemsAddedThenNewestUnreadFirstAndCounted() {
		UUID user = UUID.randomUUID();
		notifications.inApp(user, "First", "one", "/apps/1");
		notifications.inApp(user, "Second", "two", null);
		notifications.inApp(user, "Third", "three", "/inbox?x=1#top");
		notifications.inApp(UUID.randomUUID(), "Someone else's", "", null);
		UUID second = titled(user, "Second");

		assertThat(notifications.markRead(user, second)).isTrue();

		assertThat(notifications.inbox(user, 10)).extracting(InboxItem::title).containsExactly("Third", "First", "Second");
		assertThat(notifications.inbox(user, 10).getLast().unread()).isFalse();
		assertThat(notifications.unreadCount(user)).isEqualTo(2);
		assertThat(notifications.inbox(user, 1)).hasSize(1);
	}

	@Test
	void markReadWhenItemIsAnotherUsersThenRefusedAndUnchanged() {
		UUID owner = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		notifications.inApp(owner, "Mine", "", null);
		UUID item = titled(owner, "Mine");

		assertThat(notifications.markRead(other, item)).isFalse();
		assertThat(notifications.inboxItem(other, item)).isEmpty();

		assertThat(notifications.unreadCount(owner)).isOne();
	}

	@Test
	void markAllReadWhenUnreadItemsThenNoneUnreadAndOthersUntouched() {
		UUID user = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		notifications.inApp(user, "A", "", null);
		notifications.inApp(user, "B", "", null);
		notifications.inApp(other, "C", "", null);

		assertThat(notifications.markAllRead(user)).isEqualTo(2);

		assertThat(notifications.unreadCount(user)).isZero();
		assertThat(notifications.inbox(user, 10)).allSatisfy(item -> assertThat(item.readAt()).isNotNull());
		assertThat(notifications.unreadCount(other)).isOne();
		assertThat(notifications.markAllRead(user)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/", "//evil.example/path", "/\\evil.example", "javascript:alert(1)",
			"apps/1", " /apps", "/apps\n/x", "http:/apps", "\\\\evil.example" })
	void inAppWhenLinkCouldLeaveTheSiteThenRejectedAndNothingAdded(String link) {
		UUID user = UUID.randomUUID();

		assertThatExceptionOfType(InputRejectedException.class).isThrownBy(() -> notifications.inApp(user, "T", "", link))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("link"));

		assertThat(notifications.inbox(user, 10)).isEmpty();
	}

	private UUID titled(UUID user, String title) {
		return notifications.inbox(user, 50).stream().filter(i -> i.title().equals(title)).findFirst().orElseThrow().id();
	}

}
