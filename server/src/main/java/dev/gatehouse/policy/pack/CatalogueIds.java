package dev.gatehouse.policy.pack;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Every obligation id of the policy catalogue; a reference pack must cover them all. */
public final class CatalogueIds {

	private static final Map<String, Integer> SECTIONS = Map.of("DP", 13, "SE", 11, "CD", 5, "LW", 7, "DS", 6, "UX", 7,
			"PW", 6);

	public static final Set<String> ALL = build();

	private CatalogueIds() {
	}

	private static Set<String> build() {
		Set<String> ids = new LinkedHashSet<>();
		for (String section : new String[] { "DP", "SE", "CD", "LW", "DS", "UX", "PW" }) {
			for (int i = 1; i <= SECTIONS.get(section); i++) {
				ids.add(section + "-" + i);
			}
		}
		return Set.copyOf(ids);
	}

}
