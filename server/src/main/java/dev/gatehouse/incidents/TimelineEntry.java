package dev.gatehouse.incidents;

import java.time.Instant;

/** One thing done to an incident; the timeline is append-only. */
public record TimelineEntry(long id, Instant occurredAt, String type, String actor, String detail) {
}
