package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Messages sent above the pack's hourly rate (LW-1). */
@Component
class SpamDetector extends PackRuleDetector {

	static final String ID = "check.anomaly.spam";

	private final AccessPatterns patterns;

	private final MonitoringProperties properties;

	SpamDetector(AccessPatterns patterns, PackRules rules, MonitoringProperties properties) {
		super(ID, rules);
		this.patterns = patterns;
		this.properties = properties;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		long perHour = rule.number("messagesPerHour", 500);
		var bursts = patterns.messageBursts(now.minus(properties.lookback()), now, perHour);
		for (var burst : bursts) {
			reporter.report(rule, burst.appId(), null, "app",
					"%d messages sent in one hour (the policy allows %d)".formatted(burst.calls(), perHour),
					Map.of("hourStart", burst.start().toString(), "messages", burst.calls(), "messagesPerHour", perHour,
							"hoursOverLimit", burst.windows(), "routes", burst.samples()));
		}
		return bursts.size();
	}

}
