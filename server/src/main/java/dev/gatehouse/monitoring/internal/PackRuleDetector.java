package dev.gatehouse.monitoring.internal;

import java.time.Instant;

/**
 * A detector that runs only while the pack in force uses its mechanism: it looks up the clause's
 * rule and, when there is one, lets the subclass query and report under it.
 */
abstract class PackRuleDetector implements Detector {

	private final String id;

	private final PackRules rules;

	PackRuleDetector(String id, PackRules rules) {
		this.id = id;
		this.rules = rules;
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public int detect(Instant now, Reporter reporter) {
		return rules.rule(id).map(rule -> detect(rule, now, reporter)).orElse(0);
	}

	/** @return the findings reported under the pack's rule */
	abstract int detect(PackRules.Rule rule, Instant now, Reporter reporter);

}
