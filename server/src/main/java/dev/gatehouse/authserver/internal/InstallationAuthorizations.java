package dev.gatehouse.authserver.internal;

import dev.gatehouse.marketplace.InstallationEvents.AppUninstalled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which installation each user authorization acts for. Uninstalling an app removes every one of
 * its authorizations in the uninstalling transaction: refresh tokens stop at once, and
 * introspection calls its access tokens inactive.
 */
@Component
public class InstallationAuthorizations {

	private final JdbcClient jdbc;

	private final Clock clock;

	InstallationAuthorizations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void link(String authorizationId, UUID installation, UUID account) {
		jdbc.sql("""
				insert into authserver.installation_authorizations (authorization_id, installation_id, account_id, created_at)
				values (:authorization, :installation, :account, :now)""")
			.param("authorization", authorizationId)
			.param("installation", installation)
			.param("account", account)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** When a token of the installation was last issued (a code exchange or a refresh). */
	public Optional<Instant> lastTokenIssuedAt(UUID installation) {
		return jdbc.sql("""
				select max(a.access_token_issued_at) from authserver.installation_authorizations i
				join authserver.oauth2_authorization a on a.id = i.authorization_id where i.installation_id = :installation""")
			.param("installation", installation)
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.map(Timestamp::toInstant);
	}

	/**
	 * Deletes the authorizations by SQL, not through the authorization service: that one does not
	 * find authorizations of a suspended app, whose tokens must stay dead if it is reinstated.
	 */
	@EventListener
	void on(AppUninstalled uninstalled) {
		jdbc.sql("""
				delete from authserver.oauth2_authorization where id in (
				    select authorization_id from authserver.installation_authorizations where installation_id = :id)""")
			.param("id", uninstalled.installationId().value())
			.update();
	}

}
