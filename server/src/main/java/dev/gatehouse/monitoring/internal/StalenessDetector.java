package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.gateway.Route;
import dev.gatehouse.webhooks.WebhookDelivery;
import dev.gatehouse.webhooks.Webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Staleness ({@code check.staleness}): a webhook endpoint failing for the pack's
 * {@code failingDays}, and an app not revised for {@code revisionMonths} that still calls
 * deprecated routes. (Listed URLs that fail are the review checks' job.)
 */
@Component
class StalenessDetector extends PackRuleDetector {

	static final String ID = "check.staleness";

	/** How far back "still calls a deprecated route" looks. */
	static final Duration ROUTE_USE = Duration.ofDays(30);

	private final LiveApps liveApps;

	private final AppRegistry registry;

	private final Webhooks webhooks;

	private final GatewayRoutes routes;

	private final AccessPatterns patterns;

	StalenessDetector(LiveApps liveApps, AppRegistry registry, Webhooks webhooks, GatewayRoutes routes,
			AccessPatterns patterns, PackRules rules) {
		super(ID, rules);
		this.liveApps = liveApps;
		this.registry = registry;
		this.webhooks = webhooks;
		this.routes = routes;
		this.patterns = patterns;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		long failingDays = Math.max(1, rule.number("failingDays", 14));
		long revisionMonths = Math.max(1, rule.number("revisionMonths", 12));
		Map<String, Route> deprecated = routes.all().stream().filter(Route::deprecated)
			.collect(Collectors.toMap(Route::id, r -> r, (a, b) -> a));
		Map<UUID, Set<String>> routesUsed = deprecated.isEmpty() ? Map.of()
				: patterns.routesUsedByApp(now.minus(ROUTE_USE), now);
		Instant revisedBefore = now.atZone(ZoneOffset.UTC).minusMonths(revisionMonths).toInstant();
		int findings = 0;
		for (App app : liveApps.all()) {
			Instant failingSince = failingSince(app);
			if (failingSince != null && !failingSince.isAfter(now.minus(Duration.ofDays(failingDays)))) {
				var endpoint = webhooks.endpoint(app.id());
				reporter.report(rule, app.id().value(), null, "webhook",
						"The webhook endpoint has been failing since %s (more than %d days)"
							.formatted(failingSince.toString().substring(0, 10), failingDays),
						Map.of("url", String.valueOf(endpoint.url()), "health", endpoint.health(),
								"consecutiveFailures", endpoint.consecutiveFailures(), "failingSince",
								failingSince.toString(), "lastSuccessAt", String.valueOf(endpoint.lastSuccessAt()),
								"failingDays", failingDays));
				findings++;
			}
			Set<String> calledDeprecated = new TreeSet<>(routesUsed.getOrDefault(app.id().value(), Set.of()));
			calledDeprecated.retainAll(deprecated.keySet());
			if (!calledDeprecated.isEmpty()) {
				List<Revision> revisions = registry.revisions(app.id());
				Instant lastRevision = revisions.stream().map(Revision::createdAt).max(Instant::compareTo).orElse(null);
				if (lastRevision != null && lastRevision.isBefore(revisedBefore)) {
					reporter.report(rule, app.id().value(), null, "deprecated-routes",
							"No new revision for more than %d months while the app still calls deprecated routes: %s"
								.formatted(revisionMonths, String.join(", ", calledDeprecated)),
							Map.of("lastRevisionAt", lastRevision.toString(), "revisionMonths", revisionMonths,
									"deprecatedRoutes", List.copyOf(calledDeprecated), "sunsets",
									calledDeprecated.stream().map(deprecated::get).filter(r -> r.sunset() != null)
										.map(r -> r.id() + " " + r.sunset()).toList()));
					findings++;
				}
			}
		}
		return findings;
	}

	/**
	 * Since when the endpoint has been failing: its last success, or, if it never succeeded, the
	 * oldest recent delivery; {@code null} when it is not failing.
	 */
	private Instant failingSince(App app) {
		var endpoint = webhooks.endpoint(app.id());
		if (endpoint.url() == null || endpoint.consecutiveFailures() == 0 && endpoint.exhaustedCount() == 0) {
			return null;
		}
		if (endpoint.lastSuccessAt() != null) {
			return endpoint.lastFailureAt() != null && endpoint.lastFailureAt().isAfter(endpoint.lastSuccessAt())
					? endpoint.lastSuccessAt() : null;
		}
		return webhooks.deliveries(app.id(), 100).stream().map(WebhookDelivery::createdAt).filter(Objects::nonNull)
			.min(Instant::compareTo).orElse(null);
	}

}
