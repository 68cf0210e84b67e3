package dev.gatehouse.authserver.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.gatehouse.shared.crypto.SecretBox;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token signing keys: ES256 (P-256) JWKs in {@code authserver.signing_keys}, the private half
 * sealed with {@link SecretBox} under associated data naming the key id. Every key not retired is
 * published (so tokens signed with a key being rotated out still verify); the newest signs. The
 * first key is made on first use. Keys are re-read from the table at most once a minute.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

	static final Duration REFRESH = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Clock clock;

	private volatile Loaded loaded;

	SigningKeys(JdbcClient jdbc, SecretBox box, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.clock = clock;
	}

	/** Active keys, newest first: the signing key is the first. */
	List<JWK> active() {
		Loaded current = loaded;
		Instant now = clock.instant();
		if (current == null || current.at().plus(REFRESH).isBefore(now)) {
			current = load(now);
		}
		return current.keys();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(active()));
	}

	/** Adds a new key; it signs from now on, and the previous ones stay published until retired. */
	synchronized JWK generate() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
			jdbc.sql("""
					insert into authserver.signing_keys (kid, algorithm, public_jwk, private_jwk, created_at)
					values (:kid, :alg, :public, :private, :now)""")
				.param("kid", key.getKeyID())
				.param("alg", JWSAlgorithm.ES256.getName())
				.param("public", key.toPublicJWK().toJSONString())
				.param("private", box.seal(key.toJSONString(), context(key.getKeyID())))
				.param("now", java.sql.Timestamp.from(clock.instant()))
				.update();
			loaded = null;
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private synchronized Loaded load(Instant now) {
		List<JWK> keys = read();
		if (keys.isEmpty()) {
			generate();
			keys = read();
		}
		Loaded fresh = new Loaded(keys, now);
		loaded = fresh;
		return fresh;
	}

	private List<JWK> read() {
		return jdbc.sql("""
				select kid, private_jwk from authserver.signing_keys
				where retired_at is null order by created_at desc, kid""")
			.query((rs, n) -> parse(rs.getString("kid"), rs.getBytes("private_jwk")))
			.list();
	}

	private JWK parse(String kid, byte[] sealed) {
		try {
			return ECKey.parse(box.open(sealed, context(kid)));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + kid + " is not a valid JWK", ex);
		}
	}

	private static String context(String kid) {
		return "authserver.signing_key:" + kid;
	}

	private record Loaded(List<JWK> keys, Instant at) {
	}

}
