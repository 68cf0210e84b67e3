package dev.gatehouse.authserver.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client-credentials access tokens without a row each. Such a token is an app acting for itself:
 * no user, no refresh token, ten minutes of life, so the JWT carries all there is to know. It is
 * marked with {@value #GRANT_CLAIM}; introspection and revocation rebuild its authorization from the
 * verified JWT, as long as its client is still active (a suspended app's tokens go inactive at once)
 * and its {@code jti} was not revoked.
 */
final class ClientCredentialsTokens {

	static final String GRANT_CLAIM = "gty";

	private final JwtDecoder decoder;

	private final RegisteredClientRepository clients;

	private final JdbcClient jdbc;

	private final Clock clock;

	ClientCredentialsTokens(JWKSource<SecurityContext> keys, RegisteredClientRepository clients, JdbcClient jdbc, Clock clock) {
		var decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			// Our access tokens are typed at+jwt (RFC 9068); the defaults accept only JWT.
			.jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier(
					new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtTypeValidator("at+jwt")));
		this.decoder = decoder;
		this.clients = clients;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	static boolean isClientCredentials(OAuth2Authorization authorization) {
		return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
	}

	static boolean looksLikeJwt(String token) {
		return token != null && token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
	}

	/** The authorization of a valid, unrevoked client-credentials JWT of an active client, or null. */
	OAuth2Authorization find(String token) {
		Jwt jwt;
		try {
			jwt = decoder.decode(token);
		}
		catch (JwtException invalid) {
			return null;
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(jwt.getClaimAsString(GRANT_CLAIM))
				|| jwt.getId() == null || revoked(jwt.getId())) {
			return null;
		}
		RegisteredClient client = clients.findByClientId(jwt.getClaimAsString("client_id"));
		if (client == null) {
			return null;
		}
		Set<String> scopes = new HashSet<>(scopes(jwt));
		var accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, jwt.getIssuedAt(), jwt.getExpiresAt(),
				scopes);
		return OAuth2Authorization.withRegisteredClient(client)
			.id(jwt.getId())
			.principalName(client.getClientId())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
			.build();
	}

	/** Whether the JWT says it came from the client-credentials grant (read unverified: only to route the lookup). */
	static boolean claimsClientCredentials(String token) {
		if (!looksLikeJwt(token)) {
			return false;
		}
		try {
			return AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()
				.equals(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim(GRANT_CLAIM));
		}
		catch (java.text.ParseException ex) {
			return false;
		}
	}

	/**
	 * Records the revocation of the authorization's access token, if it was invalidated (or
	 * {@code always}); returns when the revoked token would have expired, or null if nothing was revoked.
	 */
	Instant revokeIfInvalidated(OAuth2Authorization authorization, boolean always) {
		var token = authorization.getAccessToken();
		if (token == null || !(always || token.isInvalidated())) {
			return null;
		}
		Instant expires = token.getToken().getExpiresAt() == null ? clock.instant().plusSeconds(3600) : token.getToken().getExpiresAt();
		jdbc.sql("""
				insert into authserver.revoked_access_tokens (jti, client_id, expires_at, revoked_at)
				values (:jti, :client, :expires, :now) on conflict (jti) do nothing""")
			.param("jti", authorization.getId())
			.param("client", authorization.getRegisteredClientId())
			.param("expires", Timestamp.from(expires))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return expires;
	}

	private boolean revoked(String jti) {
		return jdbc.sql("select exists (select 1 from authserver.revoked_access_tokens where jti = :jti)")
			.param("jti", jti)
			.query(Boolean.class)
			.single();
	}

	private static List<String> scopes(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		return scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" "));
	}

}
