package dev.gatehouse.authserver.internal;

import dev.gatehouse.support.SettableClock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import dev.gatehouse.authserver.AuthServerProperties;
import dev.gatehouse.authserver.SigningKeyEvents.SigningKeyPublished;
import dev.gatehouse.authserver.SigningKeyEvents.SigningKeyRetired;
import dev.gatehouse.shared.crypto.SecretBox;
import dev.gatehouse.support.FullStackTest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key rotation on the real table, inside a transaction that is rolled back: the running server's
 * keys are hidden for the test and come back untouched. A settable clock walks through a rotation.
 */
class SigningKeyRotationTests extends FullStackTest {

	static final AuthServerProperties.Keys SETTINGS = new AuthServerProperties.Keys(Duration.ofDays(30), Duration.ofHours(1),
			Duration.ofDays(1), "-");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretBox box;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void rotateWhenDueThenNextKeyIsPublishedBeforeItSignsAndTheOldOneRetiredAfterTheOverlap() {
		inRolledBackTransaction(() -> {
			var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
			var events = new ArrayList<Object>();
			var keys = new SigningKeys(jdbc, box, clock);
			var rotation = new SigningKeyRotation(jdbc, keys, SETTINGS, events::add, clock);

			assertThat(rotation.rotate().published()).isEqualTo(1);
			String first = keys.published().getFirst().getKeyID();
			String oldToken = sign(keys);
			clock.advance(Duration.ofDays(10));
			assertThat(rotation.rotate()).isEqualTo(new SigningKeyRotation.Outcome(0, 0));

			// 30 days minus the hour ahead: the next key is published, but the first still signs.
			clock.advance(Duration.ofDays(20).minusHours(1));
			assertThat(rotation.rotate().published()).isEqualTo(1);
			List<JWK> published = keys.published();
			assertThat(published).hasSize(2);
			assertThat(published.getFirst().getKeyID()).isEqualTo(first);
			String next = published.get(1).getKeyID();
			assertThat(verifies(keys, sign(keys))).isTrue();
			assertThat(kid(sign(keys))).isEqualTo(first);

			// An hour later the new key signs; the old one is still published, so its tokens verify.
			clock.advance(Duration.ofHours(1));
			assertThat(kid(sign(keys))).isEqualTo(next);
			assertThat(verifies(keys, oldToken)).isTrue();
			assertThat(rotation.rotate()).isEqualTo(new SigningKeyRotation.Outcome(0, 0));

			// A day after the takeover the old key is retired and its tokens stop verifying.
			clock.advance(Duration.ofDays(1));
			assertThat(rotation.rotate().retired()).isEqualTo(1);
			assertThat(keys.published()).extracting(JWK::getKeyID).containsExactly(next);
			assertThat(verifies(keys, oldToken)).isFalse();
			assertThat(events).hasAtLeastOneElementOfType(SigningKeyPublished.class)
				.anySatisfy(e -> assertThat(e).isEqualTo(new SigningKeyRetired(first)));
		});
	}

	@Test
	void rotateNowWhenKeyMayHaveLeakedThenNewKeySignsAtOnceAndOthersAreRetired() {
		inRolledBackTransaction(() -> {
			var clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
			var keys = new SigningKeys(jdbc, box, clock);
			var rotation = new SigningKeyRotation(jdbc, keys, SETTINGS, event -> { }, clock);
			rotation.rotate();
			String leaked = sign(keys);

			String kid = rotation.rotateNow();

			assertThat(kid(sign(keys))).isEqualTo(kid);
			assertThat(keys.published()).extracting(JWK::getKeyID).containsExactly(kid);
			assertThat(verifies(keys, leaked)).isFalse();
		});
	}

	@Test
	void settingsWhenPublishAheadNotShorterThanRotationThenRefused() {
		assertThatThrownBy(() -> new AuthServerProperties.Keys(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(1), "-"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private void inRolledBackTransaction(Runnable test) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			status.setRollbackOnly();
			jdbc.sql("update authserver.signing_keys set retired_at = now() where retired_at is null").update();
			test.run();
		});
	}

	private static String sign(SigningKeys keys) {
		var encoder = new NimbusJwtEncoder(keys);
		encoder.setJwkSelector(List<JWK>::getFirst);
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
				JwtClaimsSet.builder().subject("rotation-test").expiresAt(Instant.now().plusSeconds(600)).build()))
			.getTokenValue();
	}

	/** Verified the way a resource server does: against the keys published now. */
	private static boolean verifies(SigningKeys keys, String token) {
		var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(new JWKSet(keys.published())))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(jwt -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());
		try {
			decoder.decode(token);
			return true;
		}
		catch (org.springframework.security.oauth2.jwt.JwtException ex) {
			return false;
		}
	}

	private static String kid(String token) {
		try {
			return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
