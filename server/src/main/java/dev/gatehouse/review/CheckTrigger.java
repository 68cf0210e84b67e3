package dev.gatehouse.review;

/** Why a check run was queued. */
public enum CheckTrigger {
	SUBMISSION, SCHEDULE, ON_DEMAND, AUDIT
}
