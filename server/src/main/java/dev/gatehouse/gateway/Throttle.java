package dev.gatehouse.gateway;

import java.time.Instant;
import java.util.UUID;

/**
 * A lower rate limit for one app (all its installations when {@code installationId} is null) or
 * one installation of it, until {@code until}.
 */
public record Throttle(UUID id, UUID appId, UUID installationId, int perMinute, Instant until, String reason,
		String imposedBy, Instant imposedAt) {
}
