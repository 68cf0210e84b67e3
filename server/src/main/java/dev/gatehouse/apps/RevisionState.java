package dev.gatehouse.apps;

public enum RevisionState {
	DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, APPROVED, SUPERSEDED, WITHDRAWN
}
