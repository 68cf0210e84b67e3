package dev.gatehouse.review.internal;

import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.CheckResult;
import dev.gatehouse.review.ChecklistLine;
import dev.gatehouse.review.Mark;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a checklist: one line per clause of the pack, with the clause's automated results and a
 * person's mark. In a review, a person must judge the clauses with a {@code flow.review} or an
 * attestation (and any clause whose check failed); in an audit, every clause.
 */
public final class Checklists {

	private Checklists() {
	}

	public static List<ChecklistLine> of(PolicyPack pack, List<CheckResult> results, List<Mark> marks, boolean audit) {
		Map<String, List<CheckResult>> byClause = results.stream().collect(Collectors.groupingBy(CheckResult::clauseId));
		Map<String, Mark> markByClause = marks.stream().collect(Collectors.toMap(Mark::clauseId, Function.identity(), (a, b) -> b));
		return pack.clauses().stream().map(clause -> {
			List<String> mechanisms = clause.mechanisms().stream().map(PolicyPack.MechanismUse::id).toList();
			String item = clause.mechanisms()
				.stream()
				.filter(m -> m.id().equals("flow.review") && m.params() != null && m.params().get("checklistItem") instanceof String)
				.map(m -> (String) m.params().get("checklistItem"))
				.findFirst()
				.orElse(null);
			boolean person = audit || mechanisms.stream().anyMatch(m -> m.equals("flow.review") || m.startsWith("attest."));
			return new ChecklistLine(clause, mechanisms, item, byClause.getOrDefault(clause.id(), List.of()), person,
					markByClause.get(clause.id()));
		}).toList();
	}

}
