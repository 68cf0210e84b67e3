package dev.gatehouse.privacy.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.gatehouse.authserver.AccessTokenIssuer;
import dev.gatehouse.gateway.TokenRevocations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The app API ({@code /api/app/**}): stateless, authenticated by the app's own client-credentials
 * access token, verified locally against the published signing keys (ES256 only, {@code typ at+jwt},
 * our audience, not expired). Ordered before the other chains: {@code /api/**} would otherwise take
 * these paths and ask for a personal access token.
 */
@Configuration(proxyBeanMethods = false)
class AppApiSecurityConfiguration {

	static final String CLIENT_CREDENTIALS = "client_credentials";

	@Bean
	@Order(-1)
	SecurityFilterChain appApiChain(HttpSecurity http, AccessTokenIssuer issuer, TokenRevocations revocations)
			throws Exception {
		var problems = new dev.gatehouse.shared.security.BearerProblemHandlers(
				"Send the app's client-credentials access token in the Authorization header.",
				"The access token is invalid or expired, or is not the app's own client-credentials token.",
				"The token does not allow this request.");
		http.securityMatcher("/api/app/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(appTokenDecoder(issuer, revocations)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens only, never cookies: no ambient credential for CSRF to abuse.
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	static NimbusJwtDecoder appTokenDecoder(AccessTokenIssuer issuer, TokenRevocations revocations) {
		var decoder = NimbusJwtDecoder.withJwkSource(keys(issuer)).jwsAlgorithm(SignatureAlgorithm.ES256).build();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTypeValidator("at+jwt"));
		validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(issuer.audience())));
		validators.add(new JwtClaimValidator<String>("gty", CLIENT_CREDENTIALS::equals));
		validators.add(new JwtClaimValidator<String>("app_id", id -> id != null && !id.isBlank()));
		issuer.issuer().ifPresent(iss -> validators.add(new JwtIssuerValidator(iss)));
		validators.add(notRevoked(revocations));
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
		return decoder;
	}

	/**
	 * The gateway's revocation set: a revoked token, or one of an app suspended, blocked or retired
	 * (or a client revoked) after it was issued, is refused here as at the gateway, within the
	 * set's poll interval, not at its expiry.
	 */
	private static OAuth2TokenValidator<Jwt> notRevoked(TokenRevocations revocations) {
		return jwt -> {
			UUID appId;
			try {
				appId = UUID.fromString(jwt.getClaimAsString("app_id"));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The app_id claim is not an id.", null));
			}
			Instant issuedAt = jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt();
			return revocations.refusal(jwt.getId(), jwt.getClaimAsString("client_id"), appId, null, issuedAt)
				.map(reason -> OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null)))
				.orElse(OAuth2TokenValidatorResult.success());
		};
	}

	/** The published keys; a key id this node has not seen yet makes it read them again once. */
	private static JWKSource<SecurityContext> keys(AccessTokenIssuer issuer) {
		return (selector, context) -> {
			List<JWK> found = selector.select(new JWKSet(issuer.verificationKeys()));
			if (found.isEmpty()) {
				found = selector.select(new JWKSet(issuer.reloadVerificationKeys()));
			}
			return found.stream().filter(k -> JWSAlgorithm.ES256.equals(k.getAlgorithm()) || k.getAlgorithm() == null).toList();
		};
	}

}
