package dev.gatehouse.enforcement;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** A new finding was recorded. */
public record FindingRecorded(UUID findingId, String clauseId, String subjectType, String subjectId, String source)
		implements Audited {

	public String action() {
		return "enforcement.finding.recorded";
	}

	public String target() {
		return "finding:" + findingId;
	}

	public String actor() {
		return "system";
	}

	public Map<String, Object> details() {
		return Map.of("clause", clauseId, "subject", subjectType + ":" + subjectId, "source", source);
	}

}
