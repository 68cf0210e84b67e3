package dev.gatehouse.apps;

import java.util.List;

/** Marketplace categories a listing chooses from. */
public final class AppCategories {

	public static final List<String> ALL = List.of("Scheduling", "Messaging", "Billing and payments", "Analytics",
			"Marketing", "Productivity", "Documents", "Security", "Integrations", "Other");

	private AppCategories() {
	}

}
