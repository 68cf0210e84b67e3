package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Data-subject reads of one installation in the last day far above its own daily average over the
 * pack's baseline period: possible exfiltration.
 */
@Component
class ExfiltrationDetector extends PackRuleDetector {

	static final String ID = "check.anomaly.exfiltration";

	private static final Duration RECENT = Duration.ofDays(1);

	private final AccessPatterns patterns;

	private final MonitoringProperties properties;

	ExfiltrationDetector(AccessPatterns patterns, PackRules rules, MonitoringProperties properties) {
		super(ID, rules);
		this.patterns = patterns;
		this.properties = properties;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		double factor = rule.decimal("factor", 10);
		long baselineDays = Math.max(1, rule.number("baselineDays", 28));
		Instant recentFrom = now.minus(RECENT);
		var spikes = patterns.subjectReadSpikes(recentFrom.minus(Duration.ofDays(baselineDays)), recentFrom, now, factor,
				properties.exfiltrationFloorPerDay());
		for (var spike : spikes) {
			reporter.report(rule, spike.appId(), spike.installationId(), spike.installationId().toString(),
					"One installation read %d data subjects in a day, %.0f times its daily average of %.1f"
						.formatted(spike.recentReads(), spike.recentReads() / Math.max(1, spike.dailyBaseline()),
								spike.dailyBaseline()),
					Map.of("installation", spike.installationId().toString(), "customerAccount",
							String.valueOf(spike.customerAccountId()), "readsLastDay", spike.recentReads(),
							"dailyBaseline", Math.round(spike.dailyBaseline() * 10) / 10.0, "baselineDays", baselineDays,
							"factor", factor, "floorPerDay", properties.exfiltrationFloorPerDay()));
		}
		return spikes.size();
	}

}
