package dev.gatehouse.marketplace;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.identity.UserId;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** One app installed in one customer account, with the scopes the account's admin granted. */
public record Installation(InstallationId id, CustomerAccountId accountId, AppId appId, SortedSet<String> scopes,
		boolean active, Instant installedAt, UserId installedBy, Instant updatedAt, Instant uninstalledAt,
		UserId uninstalledBy) {

	public Installation {
		scopes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
	}

	public boolean covers(Set<String> requested) {
		return active && scopes.containsAll(requested);
	}

}
