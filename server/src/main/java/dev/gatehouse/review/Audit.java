package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.ScopeTier;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit of a live app: scheduled by its risk tier or opened on demand.
 *
 * @param dueAt when its evidence requests are due
 * @param outcome null while open
 */
public record Audit(UUID id, AppId appId, ScopeTier tier, String reason, boolean open, Instant openedAt, String openedBy,
		Instant dueAt, AuditOutcome outcome, String outcomeNote, Instant closedAt, String closedBy) {
}
