package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.monitoring.ScopeSuggestion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Least privilege: per live app, the scopes of its live revision against the scopes its successful
 * calls used over 30 and 90 days and over the pack's {@code check.unused-scopes} period. Scopes
 * unused for that period, in an app live at least that long, are a finding with the smaller set
 * suggested; the suggestion is kept for the developer's dashboard either way.
 */
@Component
class LeastPrivilegeDetector implements Detector {

	static final String ID = "check.unused-scopes";

	static final int DEFAULT_DAYS = 90;

	private final AccessPatterns patterns;

	private final AppRegistry registry;

	private final LiveApps liveApps;

	private final PackRules rules;

	private final MonitoringRepository repository;

	LeastPrivilegeDetector(AccessPatterns patterns, AppRegistry registry, LiveApps liveApps, PackRules rules,
			MonitoringRepository repository) {
		this.patterns = patterns;
		this.registry = registry;
		this.liveApps = liveApps;
		this.rules = rules;
		this.repository = repository;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int detect(Instant now, Reporter reporter) {
		var rule = rules.rule(ID).orElse(null);
		int days = (int) Math.max(1, rule == null ? DEFAULT_DAYS : rule.number("days", DEFAULT_DAYS));
		// One pass over the longest window; the shorter ones follow from each scope's last use.
		Map<UUID, Map<String, Instant>> lastUse = patterns.lastScopeUse(now.minus(Duration.ofDays(Math.max(days, 90))),
				now);
		int findings = 0;
		for (App app : liveApps.all()) {
			var live = registry.liveRevision(app).orElse(null);
			if (live == null) {
				continue;
			}
			Set<String> granted = new TreeSet<>(live.content().scopes().stream().map(RequestedScope::scope).toList());
			Map<String, Instant> appUse = lastUse.getOrDefault(app.id().value(), Map.of());
			Set<String> unused = new TreeSet<>(granted);
			unused.removeAll(usedSince(appUse, now.minus(Duration.ofDays(days))));
			Set<String> suggested = new TreeSet<>(granted);
			suggested.removeAll(unused);
			Instant liveSince = LiveApps.liveSince(registry.revisions(app.id()));
			var suggestion = new ScopeSuggestion(app.id(), List.copyOf(granted),
					List.copyOf(usedSince(appUse, now.minus(Duration.ofDays(30)))),
					List.copyOf(usedSince(appUse, now.minus(Duration.ofDays(90)))), List.copyOf(unused),
					List.copyOf(suggested), days, liveSince, now);
			repository.saveSuggestion(suggestion);
			boolean longEnough = liveSince != null && !liveSince.isAfter(now.minus(Duration.ofDays(days)));
			if (rule != null && !unused.isEmpty() && longEnough) {
				reporter.report(rule, app.id().value(), null, "scopes:" + String.join(" ", unused),
						"Scopes granted but not used in %d days: %s; the app needs only: %s".formatted(days,
								String.join(", ", unused), suggested.isEmpty() ? "(none)" : String.join(", ", suggested)),
						Map.of("granted", List.copyOf(granted), "usedLast30Days", suggestion.used30Days(),
								"usedLast90Days", suggestion.used90Days(), "unused", List.copyOf(unused), "suggested",
								List.copyOf(suggested), "days", days, "liveSince", liveSince.toString()));
				findings++;
			}
		}
		return findings;
	}

	private static Set<String> usedSince(Map<String, Instant> lastUse, Instant since) {
		Set<String> used = new TreeSet<>();
		lastUse.forEach((scope, last) -> {
			if (!last.isBefore(since)) {
				used.add(scope);
			}
		});
		return used;
	}

}
