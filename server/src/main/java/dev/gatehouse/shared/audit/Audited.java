package dev.gatehouse.shared.audit;

import java.util.Map;

/**
 * An event worth a line in the audit log. Modules publish their own event records implementing
 * this; the auditlog module records every one in the publisher's transaction, so a change and its
 * audit record commit or roll back together.
 */
public interface Audited {

	/** Dotted, stable action name, for example {@code identity.user.disabled}. */
	String action();

	/** What was acted on, as {@code kind:id}, for example {@code user:6f1c...}. */
	String target();

	/** Small, non-secret facts about the action. Never passwords, secrets or tokens. */
	default Map<String, Object> details() {
		return Map.of();
	}

	/**
	 * Who acted, when the publisher knows better than the security context (a login attempt, a
	 * scheduled job). {@code null} means: the authenticated user of the current request, or
	 * {@code system}.
	 */
	default String actor() {
		return null;
	}

}
