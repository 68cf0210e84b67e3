package dev.gatehouse.monitoring.internal;

import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Which clause of the pack in force uses a mechanism, and with which parameters. */
@Component
class PackRules {

	private final LegalDocuments documents;

	PackRules(LegalDocuments documents) {
		this.documents = documents;
	}

	Optional<Rule> rule(String mechanism) {
		return documents.currentPack().flatMap(pack -> rule(pack, mechanism));
	}

	static Optional<Rule> rule(PolicyPack pack, String mechanism) {
		for (var clause : pack.clauses()) {
			for (var use : clause.mechanisms()) {
				if (mechanism.equals(use.id())) {
					return Optional.of(new Rule(clause.id(), mechanism, use.params()));
				}
			}
		}
		return Optional.empty();
	}

	/** One clause's use of a mechanism; absent parameters fall back to the detector's defaults. */
	record Rule(String clauseId, String mechanism, Map<String, Object> params) {

		long number(String name, long fallback) {
			return params.get(name) instanceof Number n ? n.longValue() : fallback;
		}

		double decimal(String name, double fallback) {
			return params.get(name) instanceof Number n ? n.doubleValue() : fallback;
		}

		boolean flag(String name) {
			return Boolean.TRUE.equals(params.get(name));
		}

	}

}
