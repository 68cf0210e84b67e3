package dev.gatehouse.privacy;

import dev.gatehouse.marketplace.CustomerAccountId;

import java.util.List;

/**
 * @param subjectIds the platform's ids of the data subjects; none for an account closure
 * @param changedFields for a rectification, the names of the fields that changed (never their values)
 */
public record FileRequestCommand(CustomerAccountId account, RequestKind kind, List<String> subjectIds,
		List<String> changedFields) {

	public FileRequestCommand {
		subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
		changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
	}

}
