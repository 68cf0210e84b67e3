package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Bursts of refusals for routes outside the app's scopes, or routes that do not exist (SE-6). */
@Component
class ProbingDetector implements Detector {

	static final String ID = "check.anomaly.probing";

	private final AccessPatterns patterns;

	private final PackRules rules;

	private final MonitoringProperties properties;

	ProbingDetector(AccessPatterns patterns, PackRules rules, MonitoringProperties properties) {
		this.patterns = patterns;
		this.rules = rules;
		this.properties = properties;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int detect(Instant now, Reporter reporter) {
		var rule = rules.rule(ID).orElse(null);
		if (rule == null) {
			return 0;
		}
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
