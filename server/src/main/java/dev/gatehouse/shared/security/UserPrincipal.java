package dev.gatehouse.shared.security;

import java.util.UUID;

/**
 * The logged-in user as other modules see it, without depending on the identity module's
 * internals: pages take it with {@code @AuthenticationPrincipal UserPrincipal user}.
 */
public interface UserPrincipal {

	UUID userUuid();

	String email();

}
