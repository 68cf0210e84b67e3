package dev.gatehouse.review.internal;

import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The review terms of the pack in force, with the catalogue's defaults when none is published. */
@Component
public class ReviewTerms {

	static final int DEFAULT_CHANGE_REQUEST_DAYS = 30;

	static final int DEFAULT_EVIDENCE_REQUEST_DAYS = 14;

	private final LegalDocuments documents;

	ReviewTerms(LegalDocuments documents) {
		this.documents = documents;
	}

	public Optional<PolicyPack> pack() {
		return documents.currentPack();
	}

	public Duration changeNotice() {
		return Duration.ofDays(pack().map(p -> p.deadlines().changeRequestDays()).filter(d -> d > 0)
			.orElse(DEFAULT_CHANGE_REQUEST_DAYS));
	}

	public Duration evidenceDeadline() {
		return Duration.ofDays(pack().map(p -> p.deadlines().evidenceRequestDays()).filter(d -> d > 0)
			.orElse(DEFAULT_EVIDENCE_REQUEST_DAYS));
	}

	/** The first clause using the mechanism, else the fallback. */
	public String clauseUsing(String mechanism, String fallback) {
		return pack().flatMap(p -> p.clauses()
			.stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(mechanism)))
			.map(PolicyPack.Clause::id)
			.findFirst()).orElse(fallback);
	}

	public boolean hasClause(String clauseId) {
		return pack().flatMap(p -> p.clause(clauseId)).isPresent();
	}

}
