package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Bursts of refusals for routes outside the app's scopes, or routes that do not exist (SE-6). */
@Component
class ProbingDetector extends PackRuleDetector {

	static final String ID = "check.anomaly.probing";

	private final AccessPatterns patterns;

	private final MonitoringProperties properties;

	ProbingDetector(AccessPatterns patterns, PackRules rules, MonitoringProperties properties) {
		super(ID, rules);
		this.patterns = patterns;
		this.properties = properties;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		long threshold = rule.number("threshold", 50);
		Duration window = Duration.ofMinutes(Math.max(1, rule.number("windowMinutes", 10)));
		var bursts = patterns.probingBursts(now.minus(properties.lookback()), now, window, threshold);
		for (var burst : bursts) {
			reporter.report(rule, burst.appId(), null, "app",
					"%d calls refused as outside the app's scopes or unknown within %d minutes (threshold %d)"
						.formatted(burst.calls(), window.toMinutes(), threshold),
					Map.of("windowStart", burst.start().toString(), "windowMinutes", window.toMinutes(), "refusedCalls",
							burst.calls(), "windowsOverThreshold", burst.windows(), "threshold", threshold, "routesOrPaths",
							burst.samples(), "refusals", AccessPatterns.PROBING_REJECTIONS));
		}
		return bursts.size();
	}

}
