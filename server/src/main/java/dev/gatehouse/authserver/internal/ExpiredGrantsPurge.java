package dev.gatehouse.authserver.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes what can no longer be used: authorizations whose code, access and refresh tokens have all
 * expired, their installation links, revocations of tokens that expired anyway, and spent refresh
 * tokens of grants that are gone and can no longer be replayed to any effect. The consent ledger is
 * evidence and is never purged.
 */
@Component
class ExpiredGrantsPurge {

	private static final Logger log = LoggerFactory.getLogger(ExpiredGrantsPurge.class);

	/** Spent refresh tokens outlive their grant by the longest refresh-token life, so a late replay is still recognized. */
	static final Duration SPENT_KEPT = Duration.ofDays(31);

	private final JdbcClient jdbc;

	private final Clock clock;

	ExpiredGrantsPurge(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(cron = "${gatehouse.authserver.purge-cron:0 20 * * * *}")
	@Transactional
	public int purge() {
		Timestamp now = Timestamp.from(clock.instant());
		int grants = jdbc.sql("""
				delete from authserver.oauth2_authorization
				where (authorization_code_expires_at is not null or access_token_expires_at is not null)
				  and coalesce(authorization_code_expires_at, '-infinity') < :now
				  and coalesce(access_token_expires_at, '-infinity') < :now
				  and coalesce(refresh_token_expires_at, '-infinity') < :now""")
			.param("now", now)
			.update();
		jdbc.sql("""
				delete from authserver.installation_authorizations i where not exists (
				    select 1 from authserver.oauth2_authorization a where a.id = i.authorization_id)""").update();
		int revoked = jdbc.sql("delete from authserver.revoked_access_tokens where expires_at < :now").param("now", now).update();
		Instant spentBefore = clock.instant().minus(SPENT_KEPT);
		int spent = jdbc.sql("""
				delete from authserver.spent_refresh_tokens s where s.spent_at < :before and not exists (
				    select 1 from authserver.oauth2_authorization a where a.id = s.authorization_id)""")
			.param("before", Timestamp.from(spentBefore))
			.update();
		if (grants + revoked + spent > 0) {
			log.info("Purged {} expired grant(s), {} expired revocation(s), {} old spent refresh token(s)", grants, revoked, spent);
		}
		return grants + revoked + spent;
	}

}
