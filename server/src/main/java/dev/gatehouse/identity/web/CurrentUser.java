package dev.gatehouse.identity.web;

import java.util.Set;

/** What the page layout needs about the viewer to build the navigation. */
public record CurrentUser(String email, String displayName, Set<String> authorities) {

	public boolean has(String authority) {
		return authorities.contains(authority);
	}

	public boolean isOperator() {
		return has("KIND_OPERATOR");
	}

	public boolean isDeveloper() {
		return has("KIND_DEVELOPER");
	}

	public boolean isCustomer() {
		return has("KIND_CUSTOMER");
	}

	public boolean isAdmin() {
		return has("ROLE_ADMIN");
	}

	public boolean canReadAudit() {
		return has("ROLE_ADMIN") || has("ROLE_COMPLIANCE");
	}

}
