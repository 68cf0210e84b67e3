package dev.gatehouse.policy;

import dev.gatehouse.policy.pack.PackError;

import java.util.List;

/** An uploaded developer policy is not a valid pack; every error names its line and field. */
public class PolicyPackInvalidException extends PolicyException {

	private final List<PackError> errors;

	public PolicyPackInvalidException(List<PackError> errors) {
		super("content", "The policy pack has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
				+ ", the first at " + errors.getFirst() + ".");
		this.errors = List.copyOf(errors);
	}

	public List<PackError> errors() {
		return errors;
	}

}
