package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.GatewayProperties;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the policy pack in force asks of the gateway: rate limits ({@code guard.rate-limit}) and
 * the payload scan ({@code guard.payload-scan}: flag or block, and the clauses a finding cites).
 * Read from the pack at most every ten seconds, in the background: a new pack takes effect on every
 * node within that (and the call that finds the snapshot old).
 */
final class GatewayPolicy {

	private static final Duration REFRESH = Duration.ofSeconds(10);

	private final LegalDocuments documents;

	private final GatewayProperties.Limits defaults;

	private final Clock clock;

	private volatile Snapshot snapshot;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	GatewayPolicy(LegalDocuments documents, GatewayProperties.Limits defaults, Clock clock) {
		this.documents = documents;
		this.defaults = defaults;
		this.clock = clock;
	}

	Snapshot current() {
		Snapshot current = snapshot;
		if (current == null) {
			synchronized (this) {
				if (snapshot == null) {
					snapshot = read(clock.instant(), null);
				}
				return snapshot;
			}
		}
		if (clock.instant().isAfter(current.readAt().plus(REFRESH)) && refreshing.compareAndSet(false, true)) {
			// Read again in the background and answer with what we have: the dedicated listener asks
			// on its event loops, which must not wait for the database.
			Thread.ofVirtual().name("gateway-policy").start(() -> {
				try {
					snapshot = read(clock.instant(), snapshot);
				}
				finally {
					refreshing.set(false);
				}
			});
		}
		return current;
	}

	private Snapshot read(Instant now, Snapshot previous) {
		PolicyPack pack;
		try {
			pack = documents.currentPack().orElse(null);
		}
		catch (RuntimeException ex) {
			// The database is away: keep enforcing what we knew.
			return previous != null ? new Snapshot(previous.limits(), previous.scan(), now, previous.rateLimitPolicy())
					: fromDefaults(now);
		}
		return of(pack, defaults, now);
	}

	private Snapshot fromDefaults(Instant now) {
		return of(null, defaults, now);
	}

	/** What {@code pack} (none: the configured defaults) asks of the gateway. */
	static Snapshot of(PolicyPack pack, GatewayProperties.Limits defaults, Instant now) {
		Limits limits = limitsFrom(pack, defaults);
		return new Snapshot(limits, scanFrom(pack), now, limits.policyHeader());
	}

	private static Limits limitsFrom(PolicyPack pack, GatewayProperties.Limits defaults) {
		if (pack != null && "pack".equals(defaults.source())) {
			for (var clause : pack.clauses()) {
				for (var use : clause.mechanisms()) {
					if ("guard.rate-limit".equals(use.id()) && !use.params().isEmpty()) {
						Map<String, Object> p = use.params();
						return new Limits(number(p, "requestsPerMinute", defaults.requestsPerMinute()),
								number(p, "burst", defaults.burst()),
								number(p, "perInstallationPerMinute", defaults.perInstallationPerMinute()),
								defaults.appPerDay(), defaults.installationPerDay(), clause.id());
					}
				}
			}
		}
		return configured(pack, defaults);
	}

	private static Limits configured(PolicyPack pack, GatewayProperties.Limits defaults) {
		return new Limits(defaults.requestsPerMinute(), defaults.burst(), defaults.perInstallationPerMinute(),
				defaults.appPerDay(), defaults.installationPerDay(), clauseUsing(pack, "guard.rate-limit"));
	}

	private static String clauseUsing(PolicyPack pack, String mechanism) {
		if (pack == null) {
			return null;
		}
		return pack.clauses()
			.stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> mechanism.equals(m.id())))
			.map(PolicyPack.Clause::id)
			.findFirst()
			.orElse(null);
	}

	private static Scan scanFrom(PolicyPack pack) {
		if (pack == null) {
			return new Scan(false, false, List.of());
		}
		boolean block = false;
		List<String> clauses = new ArrayList<>();
		for (var clause : pack.clauses()) {
			for (var use : clause.mechanisms()) {
				if ("guard.payload-scan".equals(use.id())) {
					clauses.add(clause.id());
					block |= "block".equals(use.params().get("mode"));
				}
			}
		}
		return new Scan(!clauses.isEmpty(), block, List.copyOf(clauses));
	}

	private static long number(Map<String, Object> params, String name, long fallback) {
		return params.get(name) instanceof Number n ? n.longValue() : fallback;
	}

	/**
	 * @param rateLimitPolicy the {@code RateLimit-Policy} header value: every limit that applies
	 */
	record Snapshot(Limits limits, Scan scan, Instant readAt, String rateLimitPolicy) {
	}

	/** 0 turns a limit off. */
	record Limits(long requestsPerMinute, long burst, long perInstallationPerMinute, long appPerDay,
			long installationPerDay, String clauseId) {

		/** IETF RateLimit-Policy: one item per limit, named as the RateLimit header names them. */
		String policyHeader() {
			List<String> items = new ArrayList<>();
			add(items, "installation", perInstallationPerMinute, 60);
			add(items, "installation-day", installationPerDay, 86_400);
			add(items, "app", requestsPerMinute, 60);
			add(items, "app-burst", burst, 1);
			add(items, "app-day", appPerDay, 86_400);
			return String.join(", ", items);
		}

		private static void add(List<String> items, String name, long quota, long window) {
			if (quota > 0) {
				items.add("\"" + name + "\";q=" + quota + ";w=" + window);
			}
		}

	}

	/**
	 * @param enabled whether any clause uses the scan
	 * @param block whether a hit refuses the call (else it is only a finding)
	 * @param clauseIds the clauses a finding cites
	 */
	record Scan(boolean enabled, boolean block, List<String> clauseIds) {
	}

}
