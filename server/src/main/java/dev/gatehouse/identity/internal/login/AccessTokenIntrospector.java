package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Turns a personal access token into the API principal: {@code SCOPE_*} authorities for its scopes
 * and the owner's roles, so API rules can require both.
 */
final class AccessTokenIntrospector implements OpaqueTokenIntrospector {

	private final AccessTokens tokens;

	AccessTokenIntrospector(AccessTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		var authenticated = tokens.authenticate(token)
			.orElseThrow(() -> new BadOpaqueTokenException("The access token is invalid, expired or revoked."));
		List<GrantedAuthority> authorities = new ArrayList<>();
		authenticated.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.value())));
		authenticated.owner().roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
		authorities.add(new SimpleGrantedAuthority("KIND_" + authenticated.owner().kind().name()));
		var owner = authenticated.owner();
		return new DefaultOAuth2AuthenticatedPrincipal(owner.email(), Map.of("sub", owner.email(), "user_id",
				owner.id().toString(), "token_id", authenticated.tokenId()), authorities);
	}

}
