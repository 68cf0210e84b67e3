package dev.gatehouse.gateway.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code gateway.revocations}: one row per revoked subject, widened when revoked again. */
final class RevocationRepository {

	private final JdbcClient jdbc;

	RevocationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String kind, String subject, Instant notBefore, Instant expiresAt, String reason) {
		jdbc.sql("""
				insert into gateway.revocations (kind, subject, not_before, expires_at, reason)
				values (:kind, :subject, :notBefore, :expiresAt, :reason)
				on conflict (kind, subject) do update set
				    not_before = greatest(gateway.revocations.not_before, excluded.not_before),
				    expires_at = greatest(gateway.revocations.expires_at, excluded.expires_at),
				    reason = excluded.reason, recorded_at = clock_timestamp()""")
			.param("kind", kind)
			.param("subject", subject)
			.param("notBefore", Timestamp.from(notBefore))
			.param("expiresAt", Timestamp.from(expiresAt))
			.param("reason", reason)
			.update();
	}

	/** Unexpired rows recorded after {@code since} (all of them when null). */
	List<Revocation> since(Instant since) {
		return jdbc.sql("""
				select kind, subject, not_before, expires_at, recorded_at from gateway.revocations
				where expires_at > now() and (cast(:since as timestamptz) is null or recorded_at > :since)""")
			.param("since", since == null ? null : Timestamp.from(since))
			.query((rs, n) -> new Revocation(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
			.list();
	}

	int purgeExpired() {
		return jdbc.sql("delete from gateway.revocations where expires_at < now()").update();
	}

}
