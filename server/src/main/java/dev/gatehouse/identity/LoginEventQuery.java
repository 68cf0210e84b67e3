package dev.gatehouse.identity;

import java.time.Instant;

/** Filters for the login history; null fields do not filter. */
public record LoginEventQuery(UserId userId, String username, LoginEventType type, String ip, Instant from,
		Instant to, int limit, int offset) {

	public LoginEventQuery {
		limit = Math.clamp(limit, 1, 500);
		offset = Math.max(offset, 0);
	}

	public static LoginEventQuery forUser(UserId userId, int limit) {
		return new LoginEventQuery(userId, null, null, null, null, null, limit, 0);
	}

}
