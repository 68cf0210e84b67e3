package dev.gatehouse.review.internal;

import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.ReviewProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When an app is audited: its risk tier is the highest tier of the scopes its live revision holds
 * (restricted over sensitive over basic), and the interval for that tier comes from the pack's
 * {@code flow.audit} parameters ({@code intervalDaysBasic}, {@code intervalDaysSensitive},
 * {@code intervalDaysRestricted}), or from {@code gatehouse.review.audit-interval-*} when the pack
 * does not say. The next audit is due one interval after the last one opened, or after the app
 * first went live.
 */
public final class AuditSchedule {

	private AuditSchedule() {
	}

	public static ScopeTier tier(List<RequestedScope> requested, Map<String, Scope> catalogue) {
		ScopeTier tier = ScopeTier.BASIC;
		for (RequestedScope r : requested == null ? List.<RequestedScope>of() : requested) {
			Scope scope = catalogue.get(r.scope());
			if (scope != null && scope.tier().compareTo(tier) > 0) {
				tier = scope.tier();
			}
		}
		return tier;
	}

	public static Duration interval(PolicyPack pack, ScopeTier tier, ReviewProperties properties) {
		String param = switch (tier) {
			case BASIC -> "intervalDaysBasic";
			case SENSITIVE -> "intervalDaysSensitive";
			case RESTRICTED -> "intervalDaysRestricted";
		};
		if (pack != null) {
			for (PolicyPack.Clause clause : pack.clauses()) {
				for (PolicyPack.MechanismUse use : clause.mechanisms()) {
					if (use.id().equals("flow.audit") && use.params() != null && use.params().get(param) instanceof Number days
							&& days.intValue() > 0) {
						return Duration.ofDays(days.intValue());
					}
				}
			}
		}
		return switch (tier) {
			case BASIC -> properties.auditIntervalBasic();
			case SENSITIVE -> properties.auditIntervalSensitive();
			case RESTRICTED -> properties.auditIntervalRestricted();
		};
	}

	/** The next audit's due date: one interval after the last audit, or after the app first went live. */
	public static Instant nextDue(Instant lastAudit, Instant firstLive, Duration interval) {
		Instant base = lastAudit != null ? lastAudit : firstLive;
		return base == null ? null : base.plus(interval);
	}

}
