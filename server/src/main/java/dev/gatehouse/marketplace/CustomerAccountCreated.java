package dev.gatehouse.marketplace;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;

public record CustomerAccountCreated(CustomerAccountId accountId, String name, boolean sandbox) implements Audited {

	public String action() {
		return "marketplace.customer_account.created";
	}

	public String target() {
		return "customer_account:" + accountId;
	}

	public Map<String, Object> details() {
		return Map.of("name", name, "sandbox", sandbox);
	}

}
