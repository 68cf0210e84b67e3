package dev.gatehouse.privacy;

import java.time.Instant;
import java.util.UUID;

/** One line of a request's append-only history, kept as evidence. */
public record RequestEvent(long sequence, Instant occurredAt, String type, UUID recipientId, String actor,
		String detail) {
}
