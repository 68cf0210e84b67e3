package dev.gatehouse.enforcement;

public enum AppealStatus {
	PENDING, UPHELD, REJECTED
}
