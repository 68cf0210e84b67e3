package dev.gatehouse.notifications;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends email through the outbox and keeps each user's in-app inbox. Arguments that break a rule
 * (a link that is not a relative path, a header with a line break) are refused with
 * {@link dev.gatehouse.shared.web.InputRejectedException} naming the field.
 */
public interface Notifications {

	/**
	 * Writes the message to the outbox as {@link OutboxStatus#QUEUED}, in the caller's transaction when
	 * there is one, and publishes {@link EmailQueued}. The sender picks it up after commit.
	 * @return the message id
	 */
	UUID email(EmailMessage message);

	/**
	 * Adds an unread item to the user's inbox.
	 * @param link {@code null}, or a path on this site starting with a single {@code /}
	 */
	void inApp(UUID userId, String title, String body, String link);

	/** The user's newest items, unread ones first; at most {@code limit} (1 to 200). */
	List<InboxItem> inbox(UUID userId, int limit);

	/** The user's item, if it is theirs. */
	Optional<InboxItem> inboxItem(UUID userId, UUID itemId);

	int unreadCount(UUID userId);

	/** Marks the item read. {@code false} when it is not this user's (or does not exist). */
	boolean markRead(UUID userId, UUID itemId);

	/** @return how many items were unread */
	int markAllRead(UUID userId);

	/** Outbox messages matching the query, newest first. */
	List<OutboxMessage> outbox(OutboxQuery query);

	Optional<OutboxMessage> message(UUID id);

	/**
	 * Runs one round of the sender now, as the schedule would: claims up to the batch size of due
	 * messages and sends (or holds) them. For tests and operators.
	 * @return how many messages were claimed
	 */
	int sendPendingNow();

}
