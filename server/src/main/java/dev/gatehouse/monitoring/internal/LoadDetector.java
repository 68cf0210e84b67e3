package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Error rate or latency an app's calls cause on the platform above the pack's limits (UX-1). */
@Component
class LoadDetector extends PackRuleDetector {

	static final String ID = "check.anomaly.load";

	private final AccessPatterns patterns;

	private final MonitoringProperties properties;

	LoadDetector(AccessPatterns patterns, PackRules rules, MonitoringProperties properties) {
		super(ID, rules);
		this.patterns = patterns;
		this.properties = properties;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		double errorRate = rule.decimal("errorRatePercent", 20);
		long p99Millis = rule.number("p99Millis", 5000);
		var loads = patterns.upstreamLoad(now.minus(properties.loadWindow()), now, properties.loadMinCalls(), errorRate,
				p99Millis);
		for (var load : loads) {
			reporter.report(rule, load.appId(), null, "app",
					"In the last %d minutes %.1f%% of the app's %d calls failed on the platform and p99 latency was %d ms (limits %.0f%%, %d ms)"
						.formatted(properties.loadWindow().toMinutes(), load.errorRatePercent(), load.calls(),
								load.p99Micros() / 1000, errorRate, p99Millis),
					Map.of("windowMinutes", properties.loadWindow().toMinutes(), "calls", load.calls(), "upstreamErrors",
							load.upstreamErrors(), "errorRatePercent", Math.round(load.errorRatePercent() * 10) / 10.0,
							"p99Millis", load.p99Micros() / 1000, "limitErrorRatePercent", errorRate, "limitP99Millis",
							p99Millis));
		}
		return loads.size();
	}

}
