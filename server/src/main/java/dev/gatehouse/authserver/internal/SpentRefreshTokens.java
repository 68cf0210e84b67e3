package dev.gatehouse.authserver.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The digests of refresh tokens already rotated away, and which grant they belonged to. */
@Component
class SpentRefreshTokens {

	private final JdbcClient jdbc;

	private final Clock clock;

	SpentRefreshTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void spend(String token, String authorizationId, String clientId) {
		jdbc.sql("""
				insert into authserver.spent_refresh_tokens (token_hash, authorization_id, client_id, spent_at)
				values (:hash, :authorization, :client, :now) on conflict do nothing""")
			.param("hash", sha256(token))
			.param("authorization", authorizationId)
			.param("client", clientId)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	Optional<String> authorizationOf(String token) {
		return jdbc.sql("select authorization_id from authserver.spent_refresh_tokens where token_hash = :hash")
			.param("hash", sha256(token))
			.query(String.class)
			.optional();
	}

	// Refresh tokens carry 256 random bits: a plain SHA-256 cannot be reversed or guessed.
	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
