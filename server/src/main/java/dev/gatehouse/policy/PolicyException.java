package dev.gatehouse.policy;

import dev.gatehouse.shared.web.InputRejectedException;

public class PolicyException extends InputRejectedException {

	public PolicyException(String field, String message) {
		super(field, message);
	}

}
