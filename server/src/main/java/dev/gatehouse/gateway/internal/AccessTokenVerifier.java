package dev.gatehouse.gateway.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.authserver.AccessTokenIssuer;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies Gatehouse's access tokens locally: ES256 only, {@code typ at+jwt}, a published key,
 * issuer, audience, expiry. A token verified once is remembered (keyed by the token) until it
 * expires, so its signature (about 0.4 ms of CPU) is checked once per node, not once per call.
 * Revocation is not cached here: it is asked on every call ({@link RevocationSet}).
 */
final class AccessTokenVerifier {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256);

	private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

	/** A token naming an unknown key makes this node read the key table at most this often. */
	private static final Duration KEY_RELOAD_INTERVAL = Duration.ofSeconds(1);

	private static final Duration KEY_REFRESH = Duration.ofMinutes(1);

	private final AccessTokenIssuer issuer;

	private final Clock clock;

	private final Duration skew;

	// Keyed by the token itself: a hit costs a hash and an equals of the string, where a SHA-256 of
	// it cost 2.6% of the gateway's CPU (bench/README.md). Resource servers hold tokens in memory anyway.
	private final Cache<String, VerifiedToken> verified;

	private volatile Keys keys;

	AccessTokenVerifier(AccessTokenIssuer issuer, Clock clock, Duration skew, int cacheSize) {
		this.issuer = issuer;
		this.clock = clock;
		this.skew = skew;
		this.verified = Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new UntilTokenExpiry(clock)).build();
	}

	/** Whether this node has verified the token before (so {@link #verify} does no signature check or key read). */
	boolean isCached(String token) {
		return verified.getIfPresent(token) != null;
	}

	/**
	 * @param expectedIssuer the issuer this request's tokens must name
	 */
	VerifiedToken verify(String token, String expectedIssuer) throws TokenRejectedException {
		VerifiedToken known = verified.getIfPresent(token);
		if (known == null) {
			known = verifySignatureAndClaims(token);
			verified.put(token, known);
		}
		Instant now = clock.instant();
		if (!known.expiresAt().isAfter(now.minus(skew))) {
			throw new TokenRejectedException("The access token expired.");
		}
		if (!known.issuer().equals(expectedIssuer)) {
			throw new TokenRejectedException("The access token was issued by another issuer.");
		}
		return known;
	}

	private VerifiedToken verifySignatureAndClaims(String token) throws TokenRejectedException {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new TokenRejectedException("The access token is not a signed JWT.");
		}
		var header = jwt.getHeader();
		if (!ALGORITHMS.contains(header.getAlgorithm())) {
			throw new TokenRejectedException("The access token's algorithm is not accepted.");
		}
		if (!ACCESS_TOKEN_TYPE.equals(header.getType())) {
			throw new TokenRejectedException("The token is not an access token (typ at+jwt).");
		}
		JWSVerifier verifier = verifierFor(header.getKeyID());
		try {
			if (!jwt.verify(verifier)) {
				throw new TokenRejectedException("The access token's signature does not verify.");
			}
			return claims(jwt.getJWTClaimsSet());
		}
		catch (JOSEException | ParseException ex) {
			throw new TokenRejectedException("The access token's signature does not verify.");
		}
	}

	private VerifiedToken claims(JWTClaimsSet claims) throws TokenRejectedException, ParseException {
		Instant now = clock.instant();
		if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now.minus(skew))) {
			throw new TokenRejectedException("The access token expired.");
		}
		if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
			throw new TokenRejectedException("The access token is not valid yet.");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(issuer.audience())) {
			throw new TokenRejectedException("The access token is for another audience.");
		}
		if (claims.getIssuer() == null || claims.getIssueTime() == null || claims.getJWTID() == null) {
			throw new TokenRejectedException("The access token lacks iss, iat or jti.");
		}
		String scope = claims.getStringClaim("scope");
		return new VerifiedToken(claims.getJWTID(), claims.getIssuer(), required(claims, "client_id"),
				uuid(required(claims, "app_id")), uuid(claims.getStringClaim("installation_id")),
				uuid(claims.getStringClaim("customer_account_id")),
				scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split(" +")),
				claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
	}

	private static String required(JWTClaimsSet claims, String name) throws TokenRejectedException, ParseException {
		String value = claims.getStringClaim(name);
		if (value == null || value.isBlank()) {
			throw new TokenRejectedException("The access token lacks " + name + ".");
		}
		return value;
	}

	private static UUID uuid(String value) throws TokenRejectedException {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TokenRejectedException("The access token carries a malformed id.");
		}
	}

	private JWSVerifier verifierFor(String kid) throws TokenRejectedException {
		if (kid == null) {
			throw new TokenRejectedException("The access token names no key (kid).");
		}
		Keys current = keys;
		if (current == null || clock.instant().isAfter(current.loadedAt().plus(KEY_REFRESH))) {
			// Periodically too: a retired key (an emergency rotation) must stop verifying.
			current = load(issuer.verificationKeys());
		}
		JWSVerifier verifier = current.verifiers().get(kid);
		if (verifier == null && clock.instant().isAfter(current.loadedAt().plus(KEY_RELOAD_INTERVAL))) {
			current = load(issuer.reloadVerificationKeys());
			verifier = current.verifiers().get(kid);
		}
		else if (verifier == null) {
			current = load(issuer.verificationKeys());
			verifier = current.verifiers().get(kid);
		}
		if (verifier == null) {
			throw new TokenRejectedException("The access token was signed with a key that is not published.");
		}
		return verifier;
	}

	private Keys load(List<JWK> published) {
		Keys current = keys;
		if (current != null && current.published().equals(published)) {
			Keys same = new Keys(current.published(), current.verifiers(), clock.instant());
			keys = same;
			return same;
		}
		Map<String, JWSVerifier> verifiers = new HashMap<>();
		for (JWK jwk : published) {
			if (jwk instanceof ECKey ec && jwk.getKeyID() != null) {
				try {
					verifiers.put(jwk.getKeyID(), new ECDSAVerifier(ec));
				}
				catch (JOSEException ex) {
					// A key we cannot use verifies nothing; the others still work.
				}
			}
		}
		Keys fresh = new Keys(published, Map.copyOf(verifiers), clock.instant());
		keys = fresh;
		return fresh;
	}

	private record Keys(List<JWK> published, Map<String, JWSVerifier> verifiers, Instant loadedAt) {
	}

	private record UntilTokenExpiry(Clock clock) implements Expiry<String, VerifiedToken> {

		@Override
		public long expireAfterCreate(String key, VerifiedToken value, long currentTime) {
			return Math.max(0, Duration.between(clock.instant(), value.expiresAt()).toNanos());
		}

		@Override
		public long expireAfterUpdate(String key, VerifiedToken value, long currentTime, long currentDuration) {
			return currentDuration;
		}

		@Override
		public long expireAfterRead(String key, VerifiedToken value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
