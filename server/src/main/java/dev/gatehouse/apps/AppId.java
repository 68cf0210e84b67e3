package dev.gatehouse.apps;

import java.io.Serializable;
import java.util.UUID;

public record AppId(UUID value) implements Serializable {

	public AppId {
		if (value == null) {
			throw new IllegalArgumentException("app id must not be null");
		}
	}

	public static AppId random() {
		return new AppId(UUID.randomUUID());
	}

	public static AppId of(String text) {
		return new AppId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
