package dev.gatehouse.shared.security;

/**
 * Authority names shared by every module's security rules. Roles carry the {@code ROLE_} prefix so
 * that {@code hasRole("ADMIN")} works; the login stage authorities mark a half-finished login.
 */
public final class Authorities {

	public static final String ADMIN = "ROLE_ADMIN";

	public static final String REVIEWER = "ROLE_REVIEWER";

	public static final String COMPLIANCE = "ROLE_COMPLIANCE";

	public static final String SUPPORT = "ROLE_SUPPORT";

	public static final String DEVELOPER = "ROLE_DEVELOPER";

	public static final String CUSTOMER_ADMIN = "ROLE_CUSTOMER_ADMIN";

	public static final String CUSTOMER_MEMBER = "ROLE_CUSTOMER_MEMBER";

	/** Any operator staff member, whatever their role. */
	public static final String OPERATOR = "KIND_OPERATOR";

	/** Granted only once every login step (password, password change, second factor) is done. */
	public static final String LOGIN_COMPLETE = "LOGIN_COMPLETE";

	private Authorities() {
	}

}
