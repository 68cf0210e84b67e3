package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;

import java.time.Instant;
import java.util.UUID;

/** A change the reviewer requires, linked to a clause when it comes from one, and the developer's answer. */
public record RequiredChange(UUID id, UUID reviewId, AppId appId, String clauseId, String text, Instant dueAt,
		String response, Instant respondedAt, String respondedBy, Instant createdAt) {
}
