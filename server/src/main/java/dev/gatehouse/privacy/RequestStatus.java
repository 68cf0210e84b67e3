package dev.gatehouse.privacy;

/** A request is completed when no recipient still owes an answer; overdue while one is late. */
public enum RequestStatus {
	OPEN, COMPLETED, OVERDUE
}
