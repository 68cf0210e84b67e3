package dev.gatehouse.shared.security;

import java.util.UUID;

/**
 * The logged-in user as any module may see it, without depending on the module that logs users in.
 * Controllers take it with {@code @AuthenticationPrincipal UserPrincipal user}; it is {@code null}
 * when the principal is something else (an API token, an anonymous request).
 */
public interface UserPrincipal {

	/** The user's id, as the identity module's {@code UserId} value. */
	UUID userUuid();

	String email();

}
