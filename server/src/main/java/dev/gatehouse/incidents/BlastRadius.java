package dev.gatehouse.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The blast radius of an incident as computed once: a snapshot, kept when the window changes later. */
public final class BlastRadius {

	private BlastRadius() {
	}

	/**
	 * @param current the snapshot in force; older ones are history
	 * @param millis how long the access-log query and the writing took
	 */
	public record Snapshot(UUID id, IncidentId incidentId, Instant computedAt, String computedBy, Instant windowFrom,
			Instant windowTo, boolean current, int accounts, long subjects, long touches, long millis) {
	}

	/**
	 * One affected customer account.
	 * @param subjectsPerCategory for each data category, how many of its subjects calls of that category touched
	 */
	public record AffectedAccount(UUID accountId, String accountName, long subjects, long touches,
			Map<String, Long> subjectsPerCategory) {

		public AffectedAccount {
			subjectsPerCategory = Map.copyOf(subjectsPerCategory);
		}

	}

	/** One affected data subject of an account. */
	public record AffectedSubject(UUID accountId, String subjectId, long touches, List<String> dataCategories,
			List<UUID> appIds) {
	}

}
