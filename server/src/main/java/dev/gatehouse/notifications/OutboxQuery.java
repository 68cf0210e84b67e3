package dev.gatehouse.notifications;

/**
 * Filters for the outbox; {@code null} or blank means any. Results come newest first.
 *
 * @param to part of the recipient address, case-insensitive
 * @param category a category, or the start of one ({@code developers.} matches
 * {@code developers.verification})
 * @param status exactly this status
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record OutboxQuery(String to, String category, OutboxStatus status, int limit) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 500;

	public OutboxQuery {
		to = blankToNull(to);
		category = blankToNull(category);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
		}
	}

	public static OutboxQuery all() {
		return new OutboxQuery(null, null, null, DEFAULT_LIMIT);
	}

	public static OutboxQuery to(String to) {
		return new OutboxQuery(to, null, null, DEFAULT_LIMIT);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
