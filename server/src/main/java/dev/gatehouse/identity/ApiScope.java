package dev.gatehouse.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a personal access token may do. A token never grants more than its owner's roles: the API
 * checks both the scope and the role.
 */
public enum ApiScope {

	PROFILE_READ("profile:read", "Read your own profile", EnumSet.allOf(UserKind.class)),
	TOKENS_MANAGE("tokens:manage", "Create and revoke your access tokens", EnumSet.allOf(UserKind.class)),
	APPS_READ("apps:read", "Read your organizations' apps", EnumSet.of(UserKind.DEVELOPER, UserKind.OPERATOR)),
	APPS_WRITE("apps:write", "Create, change and submit your organizations' apps", EnumSet.of(UserKind.DEVELOPER)),
	AUDIT_READ("audit:read", "Read and verify the audit log", EnumSet.of(UserKind.OPERATOR)),
	COMPLIANCE_READ("compliance:read", "Read apps' compliance reports and check results", EnumSet.of(UserKind.OPERATOR)),
	METRICS_READ("metrics:read", "Scrape Prometheus metrics", EnumSet.of(UserKind.OPERATOR));

	private final String value;

	private final String description;

	private final Set<UserKind> kinds;

	ApiScope(String value, String description, Set<UserKind> kinds) {
		this.value = value;
		this.description = description;
		this.kinds = kinds;
	}

	public String value() {
		return value;
	}

	public String description() {
		return description;
	}

	public boolean availableTo(UserKind kind) {
		return kinds.contains(kind);
	}

	public static Optional<ApiScope> of(String value) {
		return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
	}

}
