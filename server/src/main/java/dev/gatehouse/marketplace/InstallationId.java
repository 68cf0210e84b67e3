package dev.gatehouse.marketplace;

import java.util.UUID;

public record InstallationId(UUID value) {

	public InstallationId {
		if (value == null) {
			throw new IllegalArgumentException("installation id must not be null");
		}
	}

	public static InstallationId of(String text) {
		return new InstallationId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
