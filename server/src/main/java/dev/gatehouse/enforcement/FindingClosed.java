package dev.gatehouse.enforcement;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

public record FindingClosed(UUID findingId, FindingStatus status, String reason) implements Audited {

	public String action() {
		return "enforcement.finding." + status.name().toLowerCase();
	}

	public String target() {
		return "finding:" + findingId;
	}

	public Map<String, Object> details() {
		return Map.of("reason", reason);
	}

}
