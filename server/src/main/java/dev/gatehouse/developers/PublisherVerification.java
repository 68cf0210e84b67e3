package dev.gatehouse.developers;

import java.time.Instant;

/** How and when an organization proved who it is; {@code verified} is what every page shows. */
public record PublisherVerification(boolean verified, String method, Instant verifiedAt, String verifiedBy,
		String note) {
}
