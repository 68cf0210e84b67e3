package dev.gatehouse.policy.pack;

import java.util.Locale;

public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
