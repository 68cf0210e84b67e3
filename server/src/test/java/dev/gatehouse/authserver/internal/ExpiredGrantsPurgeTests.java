package dev.gatehouse.authserver.internal;

import dev.gatehouse.support.FullStackTest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The purge on the real tables, with rows made for the test (their ids are random). */
class ExpiredGrantsPurgeTests extends FullStackTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void purgeWhenEveryTokenOfAGrantExpiredThenItGoesAndLiveOnesStay() {
		Instant now = Instant.now();
		String expired = grant(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)));
		String refreshable = grant(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(29)));
		String pendingConsent = grant(null, null);
		jdbc.sql("insert into authserver.installation_authorizations values (:a, :i, :i, :now)")
			.param("a", expired).param("i", UUID.randomUUID()).param("now", Timestamp.from(now)).update();
		String revokedJti = UUID.randomUUID().toString();
		jdbc.sql("insert into authserver.revoked_access_tokens values (:jti, 'c', :exp, :exp)")
			.param("jti", revokedJti).param("exp", Timestamp.from(now.minusSeconds(60))).update();

		new ExpiredGrantsPurge(jdbc, Clock.fixed(now, ZoneOffset.UTC)).purge();

		assertThat(exists("oauth2_authorization", "id", expired)).isFalse();
		assertThat(exists("installation_authorizations", "authorization_id", expired)).isFalse();
		assertThat(exists("oauth2_authorization", "id", refreshable)).isTrue();
		assertThat(exists("oauth2_authorization", "id", pendingConsent)).isTrue();
		assertThat(exists("revoked_access_tokens", "jti", revokedJti)).isFalse();
	}

	private String grant(Instant accessExpires, Instant refreshExpires) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into authserver.oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
				    access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at)
				values (:id, 'purge-test', 'someone', 'authorization_code', :access, :accessExp, :refresh, :refreshExp)""")
			.param("id", id)
			.param("access", accessExpires == null ? null : "a-" + id)
			.param("accessExp", accessExpires == null ? null : Timestamp.from(accessExpires))
			.param("refresh", refreshExpires == null ? null : "r-" + id)
			.param("refreshExp", refreshExpires == null ? null : Timestamp.from(refreshExpires))
			.update();
		return id;
	}

	private boolean exists(String table, String column, String id) {
		return jdbc.sql("select count(*) from authserver." + table + " where " + column + " = :id")
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
	}

}
