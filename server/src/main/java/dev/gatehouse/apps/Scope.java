package dev.gatehouse.apps;

import java.util.List;

/**
 * A scope of the operator's catalogue.
 *
 * @param description plain language, as the consent screen shows it
 * @param dataCategories the kinds of personal data the scope reaches (for data-use declarations)
 * @param consentBearing granting it is the customer's express consent to share or sell the data it reaches
 * @param payment the scope moves money, so it gets extra review
 */
public record Scope(String name, String description, ScopeTier tier, List<String> dataCategories,
		boolean consentBearing, boolean payment) {
}
