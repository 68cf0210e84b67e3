package dev.gatehouse.enforcement;

public enum AbuseReportStatus {
	OPEN, DISMISSED, CONVERTED
}
