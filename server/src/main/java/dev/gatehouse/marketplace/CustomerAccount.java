package dev.gatehouse.marketplace;

import dev.gatehouse.developers.OrganizationId;

import java.time.Instant;

/** A tenant of the platform; a sandbox account belongs to one developer organization. */
public record CustomerAccount(CustomerAccountId id, String name, boolean sandbox, OrganizationId sandboxOf,
		Instant createdAt) {
}
