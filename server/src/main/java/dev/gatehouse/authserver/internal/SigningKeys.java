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

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token signing keys: ES256 (P-256) JWKs in {@code authserver.signing_keys}, the private half
 * sealed with {@link SecretBox} under associated data naming the key id. Every key not retired is
 * published, including one that will only sign later (so resource servers know it before its first
 * token) and ones replaced recently (so their tokens still verify). The signer is the newest key
 * already active, and {@link #published()} lists it first. The first key is made on first use; keys
 * are re-read from the table at most once a minute, so every node follows a rotation within a minute.
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

	/** Published keys, the signer first. */
	List<JWK> published() {
		Loaded current = loaded;
		Instant now = clock.instant();
		if (current == null || current.at().plus(REFRESH).isBefore(now) || current.at().isAfter(now)) {
			current = load(now);
		}
		return current.keys();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(published()));
	}

	/** Adds a key that signs from {@code activatesAt}; the previous ones stay published until retired. */
	synchronized JWK generate(Instant activatesAt) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
			jdbc.sql("""
					insert into authserver.signing_keys (kid, algorithm, public_jwk, private_jwk, created_at, activates_at)
					values (:kid, :alg, :public, :private, :now, :activates)""")
				.param("kid", key.getKeyID())
				.param("alg", JWSAlgorithm.ES256.getName())
				.param("public", key.toPublicJWK().toJSONString())
				.param("private", box.seal(key.toJSONString(), context(key.getKeyID())))
				.param("now", Timestamp.from(clock.instant()))
				// PostgreSQL rounds to microseconds, which could land after "now": truncate instead.
				.param("activates", Timestamp.from(activatesAt.truncatedTo(ChronoUnit.MICROS)))
				.update();
			forget();
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	/** Drops the cached keys: the next use reads the table. */
	void forget() {
		loaded = null;
	}

	private synchronized Loaded load(Instant now) {
		List<Row> rows = rows();
		if (rows.stream().noneMatch(row -> !row.activatesAt().isAfter(now))) {
			generate(now);
			rows = rows();
		}
		List<JWK> keys = new ArrayList<>();
		Row signer = rows.stream().filter(row -> !row.activatesAt().isAfter(now)).findFirst().orElseThrow();
		keys.add(parse(signer));
		rows.stream().filter(row -> row != signer).map(this::parse).forEach(keys::add);
		Loaded fresh = new Loaded(List.copyOf(keys), now);
		loaded = fresh;
		return fresh;
	}

	/** Keys not retired, the latest activation first. */
	List<Row> rows() {
		return jdbc.sql("""
				select kid, private_jwk, activates_at from authserver.signing_keys
				where retired_at is null order by activates_at desc, kid""")
			.query((rs, n) -> new Row(rs.getString("kid"), rs.getBytes("private_jwk"), rs.getTimestamp("activates_at").toInstant()))
			.list();
	}

	private JWK parse(Row row) {
		try {
			return ECKey.parse(box.open(row.sealed(), context(row.kid())));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + row.kid() + " is not a valid JWK", ex);
		}
	}

	private static String context(String kid) {
		return "authserver.signing_key:" + kid;
	}

	record Row(String kid, byte[] sealed, Instant activatesAt) {
	}

	private record Loaded(List<JWK> keys, Instant at) {
	}

}
