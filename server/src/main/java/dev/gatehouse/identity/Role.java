package dev.gatehouse.identity;

import dev.gatehouse.shared.security.Authorities;

public enum Role {

	ADMIN(Authorities.ADMIN), REVIEWER(Authorities.REVIEWER), COMPLIANCE(Authorities.COMPLIANCE),
	SUPPORT(Authorities.SUPPORT), DEVELOPER(Authorities.DEVELOPER), CUSTOMER_ADMIN(Authorities.CUSTOMER_ADMIN),
	CUSTOMER_MEMBER(Authorities.CUSTOMER_MEMBER);

	private final String authority;

	Role(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return authority;
	}

}
