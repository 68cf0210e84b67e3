package dev.gatehouse.accesslog;

import java.time.Instant;
import java.util.UUID;

/**
 * Which calls to list, newest first: every filter that is not {@code null} applies. The window is
 * {@code [from, to)}; {@code before} continues a listing after its last call.
 *
 * @param subjectId only calls that touched this data subject (with {@code customerAccountId}, the
 * lineage index answers it)
 * @param limit at most this many calls (1 to 1000)
 */
public record CallQuery(UUID appId, UUID customerAccountId, UUID installationId, String subjectId, Instant from,
		Instant to, Cursor before, int limit) {

	public static final int MAX_LIMIT = 1000;

	public CallQuery {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("A call query needs a window with from before to");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
		}
	}

	/** Every call in the window, at most {@code limit}. */
	public static CallQuery between(Instant from, Instant to, int limit) {
		return new CallQuery(null, null, null, null, from, to, null, limit);
	}

	public CallQuery app(UUID id) {
		return new CallQuery(id, customerAccountId, installationId, subjectId, from, to, before, limit);
	}

	public CallQuery account(UUID id) {
		return new CallQuery(appId, id, installationId, subjectId, from, to, before, limit);
	}

	public CallQuery installation(UUID id) {
		return new CallQuery(appId, customerAccountId, id, subjectId, from, to, before, limit);
	}

	public CallQuery subject(String id) {
		return new CallQuery(appId, customerAccountId, installationId, id, from, to, before, limit);
	}

	/** The next page: calls older than {@code last} (the last call of the previous page). */
	public CallQuery after(ApiCall last) {
		return new CallQuery(appId, customerAccountId, installationId, subjectId, from, to,
				new Cursor(last.occurredAt(), last.id()), limit);
	}

	/** A position in the newest-first order: calls strictly before it come next. */
	public record Cursor(Instant occurredAt, UUID id) {
	}

}
