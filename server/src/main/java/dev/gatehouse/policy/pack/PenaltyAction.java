package dev.gatehouse.policy.pack;

import java.util.Arrays;
import java.util.Optional;

/** The actions a penalty ladder may name, mildest first. */
public enum PenaltyAction {

	WARNING("warning"), SCOPE_RESTRICTION("scope-restriction"), TOKEN_REVOCATION("token-revocation"),
	APP_SUSPENSION("app-suspension"), APP_BLOCK("app-block"), DELISTING("delisting"),
	DEVELOPER_SUSPENSION("developer-suspension");

	private final String value;

	PenaltyAction(String value) {
		this.value = value;
	}

	public String value() {
		return value;
	}

	public static Optional<PenaltyAction> of(String value) {
		return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst();
	}

}
