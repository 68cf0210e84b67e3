package dev.gatehouse.identity;

public enum SecondFactorResult {
	TOTP_ACCEPTED, RECOVERY_CODE_ACCEPTED, REJECTED
}
