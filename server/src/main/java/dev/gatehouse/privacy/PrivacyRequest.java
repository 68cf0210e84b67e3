package dev.gatehouse.privacy;

import dev.gatehouse.marketplace.CustomerAccountId;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One data subject request as filed, with its deadline and overall status. */
public record PrivacyRequest(PrivacyRequestId id, CustomerAccountId accountId, RequestKind kind, List<String> subjectIds,
		List<String> changedFields, UUID filedByUserId, String filedByEmail, boolean filedByOperator, Instant filedAt,
		Instant dueAt, RequestStatus status, Instant closedAt) {

	public PrivacyRequest {
		subjectIds = List.copyOf(subjectIds);
		changedFields = List.copyOf(changedFields);
	}

}
