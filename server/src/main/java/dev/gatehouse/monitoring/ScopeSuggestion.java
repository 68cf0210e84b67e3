package dev.gatehouse.monitoring;

import dev.gatehouse.apps.AppId;

import java.time.Instant;
import java.util.List;

/**
 * Least privilege for one live app: what it was granted against what its calls used.
 *
 * @param unused granted scopes no successful call used in the last {@code unusedDays} (the pack's
 * {@code check.unused-scopes} period)
 * @param suggested the smaller set: granted minus unused
 * @param liveSince when the app first went live; a finding needs it live for the whole period
 */
public record ScopeSuggestion(AppId appId, List<String> granted, List<String> used30Days, List<String> used90Days,
		List<String> unused, List<String> suggested, int unusedDays, Instant liveSince, Instant computedAt) {

	public ScopeSuggestion {
		granted = List.copyOf(granted);
		used30Days = List.copyOf(used30Days);
		used90Days = List.copyOf(used90Days);
		unused = List.copyOf(unused);
		suggested = List.copyOf(suggested);
	}

	public boolean hasUnused() {
		return !unused.isEmpty();
	}

}
