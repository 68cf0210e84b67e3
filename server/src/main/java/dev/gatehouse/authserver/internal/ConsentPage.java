package dev.gatehouse.authserver.internal;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

/**
 * What the consent page needs: the authorization request waiting for consent (found by the state
 * the framework made for it, and only if it is this user's and this client's) and its screen.
 * Scopes are read from the stored request, never from the page's query string.
 */
@Component
public class ConsentPage {

	public static final String PATH = "/oauth2/consent";

	private final OAuth2AuthorizationService authorizations;

	private final ConsentScreens screens;

	ConsentPage(OAuth2AuthorizationService authorizations, ConsentScreens screens) {
		this.authorizations = authorizations;
		this.screens = screens;
	}

	public Optional<Shown> show(String clientId, String state, Authentication user) {
		if (state == null || clientId == null || !(user.getPrincipal() instanceof UserPrincipal principal)) {
			return Optional.empty();
		}
		OAuth2Authorization pending = authorizations.findByToken(state, InstallingConsent.STATE);
		if (pending == null || !pending.getRegisteredClientId().equals(clientId)
				|| !pending.getPrincipalName().equals(user.getName())) {
			return Optional.empty();
		}
		OAuth2AuthorizationRequest request = pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Set<String> scopes = new TreeSet<>(request.getScopes());
		return screens.build(clientId, scopes, new UserId(principal.userUuid()))
			.map(screen -> new Shown(screen, state, scopes, request.getRedirectUri()));
	}

	/** The screen with what the form posts back to the authorization endpoint. */
	public record Shown(ConsentScreen screen, String state, Set<String> scopes, String redirectUri) {

		public String accountParameter() {
			return InstallingConsent.ACCOUNT_PARAMETER;
		}

		public String hashParameter() {
			return InstallingConsent.HASH_PARAMETER;
		}

	}

}
