package dev.gatehouse.apps;

public enum SubProcessorStatus {
	PENDING, APPROVED, REJECTED, REMOVED
}
