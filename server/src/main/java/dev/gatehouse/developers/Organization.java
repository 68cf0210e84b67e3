package dev.gatehouse.developers;

import java.time.Instant;

public record Organization(OrganizationId id, String name, String slug, String website, String domain,
		String domainToken, PublisherVerification verification, Instant lastDomainCheckAt,
		String lastDomainCheckResult, Instant createdAt) {

	public boolean verified() {
		return verification.verified();
	}

}
