package dev.gatehouse.privacy;

import java.util.UUID;

public record PrivacyRequestId(UUID value) {

	public PrivacyRequestId {
		if (value == null) {
			throw new IllegalArgumentException("privacy request id must not be null");
		}
	}

	public static PrivacyRequestId random() {
		return new PrivacyRequestId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
