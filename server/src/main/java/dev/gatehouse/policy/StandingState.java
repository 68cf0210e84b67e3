package dev.gatehouse.policy;

/** Where an organization stands with one document. */
public enum StandingState {

	/** The current version is accepted. */
	ACCEPTED,
	/** A new version was published with notice; an earlier one is accepted and the deadline is ahead. */
	REACCEPT_BY_DEADLINE,
	/** The current version must be accepted before apps can be created or submitted. */
	ACCEPTANCE_REQUIRED,
	/** The re-acceptance deadline has passed. */
	OVERDUE,
	/** Nothing is published yet. */
	NOTHING_PUBLISHED

}
