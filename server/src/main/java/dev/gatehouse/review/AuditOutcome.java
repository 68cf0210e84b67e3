package dev.gatehouse.review;

/** How an audit ended; a failed line is a finding whatever the outcome. */
public enum AuditOutcome {
	PASSED, PASSED_WITH_FINDINGS, FAILED
}
