package dev.gatehouse.marketplace;

import java.io.Serializable;
import java.util.UUID;

public record CustomerAccountId(UUID value) implements Serializable {

	public CustomerAccountId {
		if (value == null) {
			throw new IllegalArgumentException("customer account id must not be null");
		}
	}

	public static CustomerAccountId of(String text) {
		return new CustomerAccountId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
