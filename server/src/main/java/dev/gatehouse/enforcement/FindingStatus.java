package dev.gatehouse.enforcement;

public enum FindingStatus {
	OPEN, RESOLVED, DISMISSED
}
