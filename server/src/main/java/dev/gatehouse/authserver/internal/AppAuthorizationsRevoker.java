package dev.gatehouse.authserver.internal;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppSanctions.AppScopesRestricted;
import dev.gatehouse.apps.AppSanctions.AppTokensRevoked;
import dev.gatehouse.apps.Credential;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When enforcement revokes an app's tokens or withdraws scopes, every authorization of its clients
 * goes in the enforcing transaction: refresh tokens (which would carry the old scopes) stop at
 * once and introspection calls the access tokens inactive. The gateway refuses those access
 * tokens through its revocation set.
 */
@Component
class AppAuthorizationsRevoker {

	private final JdbcClient jdbc;

	private final AppCredentials credentials;

	AppAuthorizationsRevoker(JdbcClient jdbc, AppCredentials credentials) {
		this.jdbc = jdbc;
		this.credentials = credentials;
	}

	@EventListener
	void on(AppTokensRevoked revoked) {
		deleteAuthorizationsOf(revoked.appId());
	}

	@EventListener
	void on(AppScopesRestricted restricted) {
		deleteAuthorizationsOf(restricted.appId());
	}

	private void deleteAuthorizationsOf(AppId app) {
		List<String> clients = credentials.of(app).stream().map(Credential::clientId).toList();
		if (!clients.isEmpty()) {
			jdbc.sql("delete from authserver.oauth2_authorization where registered_client_id in (:clients)")
				.param("clients", clients)
				.update();
		}
	}

}
