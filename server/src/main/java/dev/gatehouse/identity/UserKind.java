package dev.gatehouse.identity;

import java.util.Set;

/** The three kinds of people who log in, each with the roles it may hold. */
public enum UserKind {

	OPERATOR(Set.of(Role.ADMIN, Role.REVIEWER, Role.COMPLIANCE, Role.SUPPORT), true),
	DEVELOPER(Set.of(Role.DEVELOPER), true),
	CUSTOMER(Set.of(Role.CUSTOMER_ADMIN, Role.CUSTOMER_MEMBER), false);

	private final Set<Role> allowedRoles;

	private final boolean secondFactorRequired;

	UserKind(Set<Role> allowedRoles, boolean secondFactorRequired) {
		this.allowedRoles = allowedRoles;
		this.secondFactorRequired = secondFactorRequired;
	}

	public Set<Role> allowedRoles() {
		return allowedRoles;
	}

	/** Operator staff and developers must use a second factor; customer users may. */
	public boolean secondFactorRequired() {
		return secondFactorRequired;
	}

}
