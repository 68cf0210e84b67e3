package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.authserver.AccessTokenIssuer;
import dev.gatehouse.support.SettableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AccessTokenVerifierTests {

	static final String ISSUER = "https://gatehouse.example";

	static final String AUDIENCE = "https://gatehouse.example/platform";

	final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T10:00:00Z"));

	final Keys issuer = new Keys();

	final AccessTokenVerifier verifier = new AccessTokenVerifier(issuer, clock, Duration.ofSeconds(30), 1000);

	@Test
	void verifyWhenSameTokenAgainThenSignatureNotCheckedAgain() throws Exception {
		ECKey key = issuer.publish();
		String token = token(key, clock.instant().plusSeconds(600));
		var first = verifier.verify(token, ISSUER);

		issuer.published.clear();
		clock.advance(Duration.ofSeconds(61));
		var again = verifier.verify(token, ISSUER);

		assertThat(again).isSameAs(first);
		assertThat(first.scopes()).containsExactlyInAnyOrder("patients:read", "messages:send");
		assertThatThrownBy(() -> verifier.verify(token(key, clock.instant().plusSeconds(600)), ISSUER))
			.as("a new token signed by a key no longer published (keys are read again every minute)")
			.isInstanceOf(TokenRejectedException.class);
	}

	@Test
	void verifyWhenCachedTokenExpiresThenRejected() throws Exception {
		String token = token(issuer.publish(), clock.instant().plusSeconds(60));
		verifier.verify(token, ISSUER);

		clock.advance(Duration.ofSeconds(91));

		assertThatThrownBy(() -> verifier.verify(token, ISSUER)).hasMessageContaining("expired");
	}

	@Test
	void verifyWhenCachedTokenPresentedForAnotherIssuerThenRejected() throws Exception {
		String token = token(issuer.publish(), clock.instant().plusSeconds(600));
		verifier.verify(token, ISSUER);

		assertThatThrownBy(() -> verifier.verify(token, "https://other.example")).hasMessageContaining("issuer");
	}

	@Test
	void verifyWhenTokenNamesAKeyPublishedAfterTheLastReadThenKeysReadAgainAtMostOncePerSecond() throws Exception {
		verifier.verify(token(issuer.publish(), clock.instant().plusSeconds(600)), ISSUER);
		int reads = issuer.reloads.get();
		ECKey next = issuer.publish();

		clock.advance(Duration.ofMillis(1500));
		verifier.verify(token(next, clock.instant().plusSeconds(600)), ISSUER);
		ECKey unknown = new ECKeyGenerator(Curve.P_256).keyID("never-published").generate();
		assertThatThrownBy(() -> verifier.verify(token(unknown, clock.instant().plusSeconds(600)), ISSUER))
			.hasMessageContaining("not published");
		assertThatThrownBy(() -> verifier.verify(token(unknown, clock.instant().plusSeconds(600)), ISSUER))
			.hasMessageContaining("not published");

		assertThat(issuer.reloads.get() - reads).isEqualTo(1);
	}

	@Test
	void verifyWhenTypeIsNotAccessTokenThenRejected() throws Exception {
		ECKey key = issuer.publish();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
				claims(clock.instant().plusSeconds(600)));
		jwt.sign(new ECDSASigner(key));

		assertThatThrownBy(() -> verifier.verify(jwt.serialize(), ISSUER)).hasMessageContaining("at+jwt");
	}

	@Test
	void verifyWhenNotAJwtThenRejected() {
		assertThatThrownBy(() -> verifier.verify("opaque-token-value", ISSUER)).isInstanceOf(TokenRejectedException.class);
	}

	private String token(ECKey key, Instant expires) throws Exception {
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.build(), claims(expires));
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private JWTClaimsSet claims(Instant expires) {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(clock.instant()))
			.expirationTime(Date.from(expires))
			.claim("client_id", "client-1")
			.claim("app_id", UUID.randomUUID().toString())
			.claim("installation_id", UUID.randomUUID().toString())
			.claim("customer_account_id", UUID.randomUUID().toString())
			.claim("scope", "patients:read messages:send")
			.build();
	}

	static final class Keys implements AccessTokenIssuer {

		final List<JWK> published = new ArrayList<>();

		final AtomicInteger reloads = new AtomicInteger();

		ECKey publish() throws Exception {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
			published.add(key.toPublicJWK());
			return key;
		}

		@Override
		public List<JWK> verificationKeys() {
			return List.copyOf(published);
		}

		@Override
		public List<JWK> reloadVerificationKeys() {
			reloads.incrementAndGet();
			return List.copyOf(published);
		}

		@Override
		public String audience() {
			return AUDIENCE;
		}

		@Override
		public Optional<String> issuer() {
			return Optional.of(ISSUER);
		}

	}

}
