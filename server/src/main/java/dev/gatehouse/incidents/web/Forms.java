package dev.gatehouse.incidents.web;

import dev.gatehouse.shared.web.InputRejectedException;

import java.util.Map;

final class Forms {

	private Forms() {
	}

	/** The rejection's messages by field, the first per field; rules about no field under {@code form}. */
	static void collect(InputRejectedException ex, Map<String, String> errors) {
		ex.violations().forEach(v -> errors.putIfAbsent(v.field() == null ? "form" : v.field(), v.message()));
	}

}
