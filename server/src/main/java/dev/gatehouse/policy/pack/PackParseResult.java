package dev.gatehouse.policy.pack;

import java.util.List;

/** Either a valid pack or the list of everything wrong with it, in document order. */
public record PackParseResult(PolicyPack pack, List<PackError> errors) {

	public boolean valid() {
		return pack != null && errors.isEmpty();
	}

}
