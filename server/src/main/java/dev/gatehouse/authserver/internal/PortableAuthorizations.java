package dev.gatehouse.authserver.internal;

import java.security.Principal;

import org.springframework.dao.DataRetrievalFailureException;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.context.ApplicationEventPublisher;

import dev.gatehouse.authserver.RefreshTokenReused;

/**
 * The JDBC authorization service with two adjustments for Gatehouse.
 * <ul>
 * <li>The user of an authorization is kept in a form the service can write as JSON and read back:
 * a username token with the user's name and plain authorities. Spring serializes the principal with
 * an allowlist of known types, which our login principal and its details are not on; the tokens
 * only need the name ({@code sub}) and, later, the authorities.</li>
 * <li>Client-credentials authorizations are not stored: their tokens are self-contained JWTs
 * ({@link ClientCredentialsTokens}), and a revocation only records the token's jti.</li>
 * <li>An authorization whose client is no longer found (the app was suspended, blocked or retired,
 * or the credential revoked) is not found either: the JDBC service would throw, and an introspection
 * or revocation of such a token must answer "inactive", not fail.</li>
 * </ul>
 */
final class PortableAuthorizations implements OAuth2AuthorizationService {

	private final LeanJdbcAuthorizations delegate;

	private final SpentRefreshTokens spent;

	private final ApplicationEventPublisher events;

	private final ClientCredentialsTokens clientCredentials;

	private final RegisteredClientRepository clients;

	PortableAuthorizations(LeanJdbcAuthorizations delegate, SpentRefreshTokens spent,
			ApplicationEventPublisher events, ClientCredentialsTokens clientCredentials, RegisteredClientRepository clients) {
		this.clients = clients;
		this.delegate = delegate;
		this.spent = spent;
		this.events = events;
		this.clientCredentials = clientCredentials;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (ClientCredentialsTokens.isClientCredentials(authorization)) {
			// Not stored: the JWT is the record. Only a revocation leaves a trace (its jti).
			announceClientCredentialsRevoked(authorization, clientCredentials.revokeIfInvalidated(authorization, false));
			return;
		}
		Object principal = authorization.getAttribute(Principal.class.getName());
		if (principal instanceof Authentication user && !(user.getPrincipal() instanceof String)) {
			var portable = UsernamePasswordAuthenticationToken.authenticated(user.getName(), null,
					user.getAuthorities().stream().map(a -> new SimpleGrantedAuthority(a.getAuthority())).toList());
			authorization = OAuth2Authorization.from(authorization).attribute(Principal.class.getName(), portable).build();
		}
		delegate.save(authorization, rememberRotatedRefreshToken(authorization));
		var accessToken = authorization.getAccessToken();
		if (accessToken != null && accessToken.isInvalidated()) {
			announceRevoked(authorization, "revoked");
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		if (ClientCredentialsTokens.isClientCredentials(authorization)) {
			announceClientCredentialsRevoked(authorization, clientCredentials.revokeIfInvalidated(authorization, true));
			return;
		}
		delegate.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		try {
			return activeClient(delegate.findById(id));
		}
		catch (DataRetrievalFailureException clientGone) {
			return null;
		}
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if ((tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType))
				&& ClientCredentialsTokens.claimsClientCredentials(token)) {
			return clientCredentials.find(token);
		}
		OAuth2Authorization found;
		try {
			found = delegate.findByToken(token, tokenType);
		}
		catch (DataRetrievalFailureException clientGone) {
			return null;
		}
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			spent.authorizationOf(token).ifPresent(this::revokeReusedGrant);
		}
		return activeClient(found);
	}

	/**
	 * Rows are mapped with a client remembered up to ten seconds (see {@link ClientCache#lenient});
	 * whether the client is still active is asked again here, with no row open, at the usual freshness.
	 */
	private OAuth2Authorization activeClient(OAuth2Authorization authorization) {
		if (authorization == null || clients.findByClientId(authorization.getRegisteredClientId()) == null) {
			return null;
		}
		return authorization;
	}

	/**
	 * When a refresh replaces the refresh token, the old one is remembered as spent. Returns whether
	 * the row exists, when that had to be read anyway ({@code null} otherwise).
	 */
	private Boolean rememberRotatedRefreshToken(OAuth2Authorization next) {
		var nextToken = next.getRefreshToken();
		if (nextToken == null) {
			return null;
		}
		LeanJdbcAuthorizations.Stored stored = delegate.stored(next.getId());
		if (stored.refreshToken() != null && !stored.refreshToken().equals(nextToken.getToken().getTokenValue())) {
			spent.spend(stored.refreshToken(), next.getId(), next.getRegisteredClientId());
		}
		return stored.exists();
	}

	private void announceClientCredentialsRevoked(OAuth2Authorization authorization, java.time.Instant expires) {
		if (expires != null) {
			// A client-credentials authorization's id is its token's jti.
			events.publishEvent(new dev.gatehouse.authserver.AccessTokenRevoked(authorization.getId(),
					authorization.getRegisteredClientId(), expires, "revoked"));
		}
	}

	/** Tells resource servers that verify tokens locally to refuse this grant's access token from now on. */
	private void announceRevoked(OAuth2Authorization authorization, String reason) {
		var token = authorization.getAccessToken();
		if (token == null || token.getClaims() == null || !(token.getClaims().get("jti") instanceof String jti)) {
			return;
		}
		var expires = token.getToken().getExpiresAt();
		if (expires != null && expires.isAfter(java.time.Instant.now())) {
			events.publishEvent(new dev.gatehouse.authserver.AccessTokenRevoked(jti, authorization.getRegisteredClientId(),
					expires, reason));
		}
	}

	/** A spent refresh token came back: someone else holds the family, so all of it is revoked. */
	private void revokeReusedGrant(String authorizationId) {
		OAuth2Authorization grant = findById(authorizationId);
		if (grant != null) {
			delegate.remove(grant);
			announceRevoked(grant, "refresh token reused");
			events.publishEvent(new RefreshTokenReused(authorizationId, grant.getRegisteredClientId(), grant.getPrincipalName()));
		}
	}

}
