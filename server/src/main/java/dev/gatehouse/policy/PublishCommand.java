package dev.gatehouse.policy;

import java.time.Instant;

/**
 * How to publish a draft. With notice: effective at {@code effectiveAt} (now or later), organizations
 * are told and must re-accept within {@code reacceptDays} of it. Without notice: effective at once,
 * and acceptance is required before the next app is created or submitted.
 */
public record PublishCommand(boolean withNotice, Instant effectiveAt, Integer reacceptDays) {
}
