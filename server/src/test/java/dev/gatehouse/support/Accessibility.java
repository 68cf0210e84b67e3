package dev.gatehouse.support;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;
import java.util.Set;

/** axe-core's WCAG 2.1 A and AA rules run on the page as it is; only serious and critical findings count. */
public final class Accessibility {

	private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final Set<String> BLOCKING = Set.of("serious", "critical");

	private Accessibility() {
	}

	public static List<String> violations(Page page) {
		return new AxeBuilder(page).withTags(WCAG)
			.analyze()
			.getViolations()
			.stream()
			.filter(rule -> BLOCKING.contains(rule.getImpact()))
			.map(Accessibility::describe)
			.toList();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList();
	}

}
