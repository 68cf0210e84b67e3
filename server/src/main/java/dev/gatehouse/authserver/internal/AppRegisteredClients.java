package dev.gatehouse.authserver.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppSanctions;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Credential;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.developers.OrganizationSuspensions;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The OAuth clients are the app registry's credentials: each lookup builds a {@link RegisteredClient}
 * from the credential and the app's live (approved) revision, so a change in the registry applies
 * at once. Unknown or revoked clients and apps that are not {@link dev.gatehouse.apps.AppStatus#active()
 * active} are not found (suspended, blocked, retired), and so get neither a code nor a token.
 * <p>
 * One exception: a <em>sandbox</em> credential works before the first approval, with the redirect
 * URIs and scopes of the draft revision, so developers can build against Gatehouse while their app
 * is in review. Production credentials only exist after approval anyway.
 * <p>
 * No client of a suspended developer organization is found, whatever its app's status: a developer
 * suspension must stop sandbox and draft clients too, and an app approved while its organization is
 * suspended must not start working before the organization is reinstated.
 */
final class AppRegisteredClients implements RegisteredClientRepository {

	static final String APP_ID = "gatehouse.app-id";

	static final String ENVIRONMENT = "gatehouse.environment";

	private final AppCredentials credentials;

	private final AppRegistry registry;

	private final AppSanctions sanctions;

	private final OrganizationSuspensions suspensions;

	private final ClientCache cache;

	AppRegisteredClients(AppCredentials credentials, AppRegistry registry, AppSanctions sanctions,
			OrganizationSuspensions suspensions, ClientCache cache) {
		this.credentials = credentials;
		this.sanctions = sanctions;
		this.registry = registry;
		this.suspensions = suspensions;
		this.cache = cache;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("Clients are registered through the app registry");
	}

	/** The client id is the registered client's id too. */
	@Override
	public RegisteredClient findById(String id) {
		return findByClientId(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return clientId == null ? null : cache.client(clientId, () -> load(clientId));
	}

	/** The same lookup for use while a database row is open: see {@link ClientCache#lenient}. */
	RegisteredClientRepository whileReadingRows() {
		var clients = this;
		return new RegisteredClientRepository() {

			@Override
			public void save(RegisteredClient registeredClient) {
				clients.save(registeredClient);
			}

			@Override
			public RegisteredClient findById(String id) {
				return findByClientId(id);
			}

			@Override
			public RegisteredClient findByClientId(String clientId) {
				return clientId == null ? null : cache.lenient(clientId, () -> load(clientId));
			}

		};
	}

	private RegisteredClient load(String clientId) {
		Credential credential = credentials.byClientId(clientId).filter(c -> c.revokedAt() == null).orElse(null);
		if (credential == null) {
			return null;
		}
		App app = registry.find(credential.appId()).orElse(null);
		if (app == null || suspensions.suspended(app.organizationId())) {
			return null;
		}
		// Scopes withdrawn by enforcement are not the client's any more: no new token carries them.
		Set<String> withdrawn = sanctions.withdrawnScopes(app.id());
		return revisionInForce(registry, app, credential.environment())
			.map(revision -> toClient(credential, revision, withdrawn))
			.orElse(null);
	}

	/**
	 * The live revision of an active app. A sandbox client of an app never approved yet (and not
	 * blocked or retired) uses the draft revision instead.
	 */
	static Optional<Revision> revisionInForce(AppRegistry registry, App app, Environment environment) {
		if (app.status().active()) {
			return registry.liveRevision(app);
		}
		if (environment == Environment.SANDBOX && app.liveRevisionId() == null && app.status() != AppStatus.BLOCKED
				&& app.status() != AppStatus.RETIRED) {
			return registry.draftRevision(app);
		}
		return Optional.empty();
	}

	private static RegisteredClient toClient(Credential credential, Revision revision, Set<String> withdrawn) {
		return RegisteredClient.withId(credential.clientId())
			.clientId(credential.clientId())
			.clientIdIssuedAt(credential.createdAt())
			.clientSecret(AppClientSecrets.referenceTo(credential.clientId()))
			.clientName(revision.content().listing().name())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantTypes(grants -> {
				grants.add(AuthorizationGrantType.CLIENT_CREDENTIALS);
				// Without a registered redirect URI there is nowhere to send a code.
				if (!revision.content().redirectUris().isEmpty()) {
					grants.add(AuthorizationGrantType.AUTHORIZATION_CODE);
					grants.add(AuthorizationGrantType.REFRESH_TOKEN);
				}
			})
			.redirectUris(uris -> uris.addAll(revision.content().redirectUris()))
			.scopes(scopes -> revision.content()
				.scopes()
				.stream()
				.map(RequestedScope::scope)
				.filter(scope -> !withdrawn.contains(scope))
				.forEach(scopes::add))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(true)
				.setting(APP_ID, credential.appId().toString())
				.setting(ENVIRONMENT, credential.environment().name().toLowerCase(Locale.ROOT))
				.build())
			.tokenSettings(TokenSettings.builder()
				.authorizationCodeTimeToLive(Duration.ofSeconds(60))
				.accessTokenTimeToLive(Duration.ofMinutes(10))
				.refreshTokenTimeToLive(Duration.ofDays(30))
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
				.build())
			.build();
	}

}
