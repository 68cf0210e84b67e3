package dev.gatehouse.identity;

import java.util.UUID;

public record UserId(UUID value) implements java.io.Serializable {

	public UserId {
		if (value == null) {
			throw new IllegalArgumentException("user id must not be null");
		}
	}

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	public static UserId of(String text) {
		return new UserId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
