package dev.gatehouse.incidents;

import dev.gatehouse.incidents.BlastRadius.AffectedAccount;
import dev.gatehouse.incidents.BlastRadius.AffectedSubject;
import dev.gatehouse.incidents.BlastRadius.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything about an incident, for the supervisory authority and the file: the report, the
 * clocks, every blast-radius snapshot (the current one with its subjects), the notices sent and
 * what became of each, and the timeline.
 *
 * @param clause the policy pack's clause for incidents
 * @param notificationLimit the pack's breach notification limit both clocks run against
 */
public record IncidentDossier(Incident incident, Map<UUID, String> appNames, IncidentClocks clocks,
		Duration notificationLimit, String clause, List<SnapshotDetail> snapshots, List<Campaign> campaigns,
		List<Notice> notices, List<TimelineEntry> timeline, Instant exportedAt) {

	/** @param subjects the subjects, for the current snapshot only (older ones keep their counts) */
	public record SnapshotDetail(Snapshot snapshot, List<AffectedAccount> accounts, List<AffectedSubject> subjects) {
	}

}
