package dev.gatehouse.monitoring.internal;

import dev.gatehouse.gateway.Throttles;
import dev.gatehouse.shared.findings.FindingReported;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns what a detector saw into a finding (recorded once while open, by its dedup key) and, when
 * the pack's rule says {@code throttle: true}, a temporary throttle at the gateway.
 */
@Component
class Reporter {

	static final String SOURCE = "monitoring";

	private final ApplicationEventPublisher events;

	private final Throttles throttles;

	private final MonitoringProperties properties;

	Reporter(ApplicationEventPublisher events, Throttles throttles, MonitoringProperties properties) {
		this.events = events;
		this.throttles = throttles;
		this.properties = properties;
	}

	/**
	 * @param installationId the installation to throttle, or {@code null} for the whole app
	 */
	void report(PackRules.Rule rule, UUID appId, UUID installationId, String dedupKey, String summary,
			Map<String, Object> evidence) {
		var facts = new LinkedHashMap<String, Object>(evidence);
		facts.put("mechanism", rule.mechanism());
		if (rule.flag("throttle")) {
			var throttle = throttles.impose(appId, installationId, properties.throttlePerMinute(),
					properties.throttleFor(), rule.mechanism() + ": " + summary, SOURCE);
			facts.put("throttle", Map.of("perMinute", throttle.perMinute(), "until", throttle.until().toString(),
					"scope", installationId == null ? "app" : "installation"));
		}
		events.publishEvent(new FindingReported(rule.clauseId(), "app", appId.toString(), SOURCE,
				rule.mechanism() + ":" + dedupKey, summary, facts));
	}

}
