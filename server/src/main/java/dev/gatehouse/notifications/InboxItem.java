package dev.gatehouse.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One in-app notification.
 *
 * @param link a relative path on this site, or {@code null}
 * @param readAt when the user marked it read; {@code null} while unread
 */
public record InboxItem(UUID id, String title, String body, String link, Instant createdAt, Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}

}
