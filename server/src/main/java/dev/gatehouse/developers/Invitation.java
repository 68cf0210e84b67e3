package dev.gatehouse.developers;

import java.time.Instant;
import java.util.UUID;

public record Invitation(UUID id, OrganizationId organizationId, String organizationName, String email,
		MemberRole role, Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant revokedAt) {

	public boolean pending(Instant now) {
		return acceptedAt == null && revokedAt == null && now.isBefore(expiresAt);
	}

}
