package dev.gatehouse.monitoring;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** An operator ran the detectors on demand (scheduled runs are recorded in the run table only). */
public record DetectorsRun(UUID runId, int findings, long millis, String operator) implements Audited {

	public String action() {
		return "monitoring.detectors.run";
	}

	public String target() {
		return "monitoring-run:" + runId;
	}

	public Map<String, Object> details() {
		return Map.of("findings", findings, "millis", millis);
	}

	public String actor() {
		return operator;
	}

}
