package dev.gatehouse.incidents;

import java.util.UUID;

public record IncidentId(UUID value) {

	public IncidentId {
		java.util.Objects.requireNonNull(value, "incident id");
	}

	public static IncidentId random() {
		return new IncidentId(UUID.randomUUID());
	}

	@Override
	@com.fasterxml.jackson.annotation.JsonValue
	public String toString() {
		return value.toString();
	}

}
