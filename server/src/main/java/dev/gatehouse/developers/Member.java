package dev.gatehouse.developers;

import dev.gatehouse.identity.UserId;

import java.time.Instant;

public record Member(OrganizationId organizationId, UserId userId, String email, String displayName, MemberRole role,
		Instant joinedAt) {
}
