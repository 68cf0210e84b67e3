package dev.gatehouse.identity;

import java.time.Instant;

/** One line of a user's login history. {@code userId} is null when the name matched no account. */
public record LoginEvent(long id, Instant occurredAt, UserId userId, String username, LoginEventType type,
		String reason, String ip, String userAgent) {
}
