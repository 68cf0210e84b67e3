package dev.gatehouse.apps;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an app stands. Transitions are guarded: only the moves listed here exist, and each is an
 * event and an audit record.
 */
public enum AppStatus {

	DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, APPROVED, PUBLISHED, SUSPENDED, BLOCKED, RETIRED;

	private static final Map<AppStatus, Set<AppStatus>> NEXT = Map.of(
			DRAFT, EnumSet.of(SUBMITTED, BLOCKED, RETIRED),
			SUBMITTED, EnumSet.of(IN_REVIEW, DRAFT, BLOCKED, RETIRED),
			IN_REVIEW, EnumSet.of(CHANGES_REQUESTED, APPROVED, BLOCKED, RETIRED),
			CHANGES_REQUESTED, EnumSet.of(SUBMITTED, BLOCKED, RETIRED),
			APPROVED, EnumSet.of(PUBLISHED, SUSPENDED, BLOCKED, RETIRED),
			PUBLISHED, EnumSet.of(APPROVED, SUSPENDED, BLOCKED, RETIRED),
			SUSPENDED, EnumSet.of(APPROVED, BLOCKED, RETIRED),
			BLOCKED, EnumSet.of(APPROVED, DRAFT, RETIRED),
			RETIRED, EnumSet.noneOf(AppStatus.class));

	public boolean canMoveTo(AppStatus next) {
		return NEXT.get(this).contains(next);
	}

	/** Whether the developer may change the draft revision (a live app changes through a new revision). */
	public boolean editable() {
		return this != BLOCKED && this != RETIRED && this != SUBMITTED && this != IN_REVIEW;
	}

	/** Whether tokens may be issued and the API called with this app's credentials. */
	public boolean active() {
		return this == APPROVED || this == PUBLISHED;
	}

}
