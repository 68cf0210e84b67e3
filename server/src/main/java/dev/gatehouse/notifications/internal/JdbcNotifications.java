package dev.gatehouse.notifications.internal;

import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.EmailQueued;
import dev.gatehouse.notifications.InboxItem;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.notifications.OutboxMessage;
import dev.gatehouse.notifications.OutboxQuery;
import dev.gatehouse.shared.web.InputRejectedException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcNotifications implements Notifications {

	static final int MAX_TITLE = 200;

	static final int MAX_BODY = 2000;

	static final int MAX_INBOX_LIMIT = 200;

	private final OutboxRepository outbox;

	private final InboxRepository inbox;

	private final OutboxSender sender;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JdbcNotifications(OutboxRepository outbox, InboxRepository inbox, OutboxSender sender,
			ApplicationEventPublisher events, Clock clock) {
		this.outbox = outbox;
		this.inbox = inbox;
		this.sender = sender;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public UUID email(EmailMessage message) {
		Objects.requireNonNull(message, "message");
		UUID id = UUID.randomUUID();
		outbox.insert(id, message, now());
		events.publishEvent(new EmailQueued(id, message.to(), message.category()));
		return id;
	}

	@Override
	@Transactional
	public void inApp(UUID userId, String title, String body, String link) {
		Objects.requireNonNull(userId, "userId");
		if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
			throw new InputRejectedException("title", "must be 1 to " + MAX_TITLE + " characters");
		}
		if (body != null && body.length() > MAX_BODY) {
			throw new InputRejectedException("body", "must be at most " + MAX_BODY + " characters");
		}
		inbox.insert(UUID.randomUUID(), userId, title.strip(), body == null ? "" : body, InboxLinks.check(link),
				now());
	}

	@Override
	@Transactional(readOnly = true)
	public List<InboxItem> inbox(UUID userId, int limit) {
		if (limit < 1 || limit > MAX_INBOX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_INBOX_LIMIT);
		}
		return inbox.newestUnreadFirst(userId, limit);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<InboxItem> inboxItem(UUID userId, UUID itemId) {
		return inbox.find(userId, itemId);
	}

	@Override
	@Transactional(readOnly = true)
	public int unreadCount(UUID userId) {
		return inbox.unreadCount(userId);
	}

	@Override
	@Transactional
	public boolean markRead(UUID userId, UUID itemId) {
		return inbox.markRead(userId, itemId, now());
	}

	@Override
	@Transactional
	public int markAllRead(UUID userId) {
		return inbox.markAllRead(userId, now());
	}

	@Override
	@Transactional(readOnly = true)
	public List<OutboxMessage> outbox(OutboxQuery query) {
		return outbox.find(query);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OutboxMessage> message(UUID id) {
		return outbox.find(id);
	}

	@Override
	public int sendPendingNow() {
		return sender.sendPending();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
