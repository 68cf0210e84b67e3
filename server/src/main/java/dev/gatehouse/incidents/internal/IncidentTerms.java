package dev.gatehouse.incidents.internal;

import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** The incident terms of the policy pack in force, with the catalogue's defaults when none is published. */
@Component
public class IncidentTerms {

	static final int DEFAULT_BREACH_HOURS = 72;

	static final String MECHANISM = "flow.incident";

	static final String FALLBACK_CLAUSE = "DP-10";

	private final LegalDocuments documents;

	IncidentTerms(LegalDocuments documents) {
		this.documents = documents;
	}

	/** The pack's {@code deadlines.breachNotificationHours}: the limit of both clocks. */
	public Duration notifyWithin() {
		return Duration.ofHours(documents.currentPack()
			.map(PolicyPack::deadlines)
			.filter(d -> d != null)
			.map(PolicyPack.Deadlines::breachNotificationHours)
			.filter(h -> h > 0)
			.orElse(DEFAULT_BREACH_HOURS));
	}

	/** The pack's clause that uses {@code flow.incident}. */
	public String clause() {
		return documents.currentPack()
			.flatMap(pack -> pack.clauses()
				.stream()
				.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(MECHANISM)))
				.findFirst())
			.map(PolicyPack.Clause::id)
			.orElse(FALLBACK_CLAUSE);
	}

	/** The platform's name in the pack, for notices. */
	public String platformName() {
		return documents.currentPack().map(PolicyPack::platformName).filter(n -> n != null && !n.isBlank()).orElse("the platform");
	}

}
