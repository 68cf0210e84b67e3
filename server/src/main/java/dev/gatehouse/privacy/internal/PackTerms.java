package dev.gatehouse.privacy.internal;

import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.privacy.RequestKind;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The privacy terms of the policy pack in force, with the catalogue's defaults when none is published. */
@Component
public class PackTerms {

	static final int DEFAULT_REQUEST_DAYS = 30;

	static final int DEFAULT_REMINDER_DAYS = 7;

	static final int DEFAULT_GRACE_HOURS = 48;

	private final LegalDocuments documents;

	PackTerms(LegalDocuments documents) {
		this.documents = documents;
	}

	public Duration answerWithin() {
		return Duration.ofDays(deadlines().map(PolicyPack.Deadlines::privacyRequestDays).filter(d -> d > 0)
			.orElse(DEFAULT_REQUEST_DAYS));
	}

	public Duration remindBefore() {
		return Duration.ofDays(deadlines().map(PolicyPack.Deadlines::privacyReminderDays).filter(d -> d >= 0)
			.orElse(DEFAULT_REMINDER_DAYS));
	}

	public Duration redactionGrace() {
		return Duration.ofHours(deadlines().map(PolicyPack.Deadlines::redactionGraceHours).filter(h -> h >= 0)
			.orElse(DEFAULT_GRACE_HOURS));
	}

	/** The pack's clause that uses the kind's mechanism ({@code flow.erasure}, {@code flow.rectification}). */
	public String clauseFor(RequestKind kind) {
		return documents.currentPack()
			.flatMap(pack -> pack.clauses()
				.stream()
				.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(kind.mechanism())))
				.findFirst())
			.map(PolicyPack.Clause::id)
			.orElse(kind.fallbackClause());
	}

	private Optional<PolicyPack.Deadlines> deadlines() {
		return documents.currentPack().map(PolicyPack::deadlines).filter(d -> d != null);
	}

}
