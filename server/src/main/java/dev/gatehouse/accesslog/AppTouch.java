package dev.gatehouse.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How one app (through one installation) touched a data subject in a time window.
 *
 * @param calls calls whose response named the subject
 * @param dataCategories the data categories of those calls' routes, sorted
 */
public record AppTouch(UUID appId, UUID installationId, Instant firstTouch, Instant lastTouch, long calls,
		List<String> dataCategories) {

	public AppTouch {
		dataCategories = List.copyOf(dataCategories);
	}

}
