package dev.gatehouse.developers;

import java.io.Serializable;
import java.util.UUID;

public record OrganizationId(UUID value) implements Serializable {

	public OrganizationId {
		if (value == null) {
			throw new IllegalArgumentException("organization id must not be null");
		}
	}

	public static OrganizationId random() {
		return new OrganizationId(UUID.randomUUID());
	}

	public static OrganizationId of(String text) {
		return new OrganizationId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
