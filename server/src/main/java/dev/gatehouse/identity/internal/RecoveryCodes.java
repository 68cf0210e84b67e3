package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.crypto.SecretDigester;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Ten single-use codes of 50 random bits each, stored only as peppered digests. */
@Component
public class RecoveryCodes {

	static final int COUNT = 10;

	private final JdbcClient jdbc;

	private final SecretDigester digester;

	private final Clock clock;

	RecoveryCodes(JdbcClient jdbc, SecretDigester digester, Clock clock) {
		this.jdbc = jdbc;
		this.digester = digester;
		this.clock = clock;
	}

	/** Replaces all of the user's codes; the plain codes are returned once and never stored. */
	@Transactional
	public List<String> regenerate(UserId userId) {
		jdbc.sql("delete from identity.recovery_codes where user_id = :user").param("user", userId.value()).update();
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			String code = RandomTokens.readable(5) + "-" + RandomTokens.readable(5);
			codes.add(code);
			jdbc.sql("insert into identity.recovery_codes (user_id, code_hash, created_at) values (:user, :hash, :now)")
				.param("user", userId.value())
				.param("hash", digester.digest(normalize(code)))
				.param("now", Timestamp.from(clock.instant()))
				.update();
		}
		return codes;
	}

	/** Marks the matching unused code as used; returns false when none matches. */
	@Transactional
	public boolean consume(UserId userId, String code) {
		String normalized = normalize(code);
		List<byte[]> unused = jdbc.sql("select code_hash from identity.recovery_codes "
				+ "where user_id = :user and used_at is null for update")
			.param("user", userId.value())
			.query((rs, n) -> rs.getBytes(1))
			.list();
		for (byte[] hash : unused) {
			if (digester.matches(normalized, hash)) {
				jdbc.sql("update identity.recovery_codes set used_at = :now where user_id = :user and code_hash = :hash")
					.param("now", Timestamp.from(clock.instant()))
					.param("user", userId.value())
					.param("hash", hash)
					.update();
				return true;
			}
		}
		return false;
	}

	public int remaining(UserId userId) {
		return jdbc.sql("select count(*) from identity.recovery_codes where user_id = :user and used_at is null")
			.param("user", userId.value())
			.query(Integer.class)
			.single();
	}

	static String normalize(String code) {
		String compact = code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		return compact.length() == 10 ? compact.substring(0, 5) + "-" + compact.substring(5) : compact;
	}

}
