package dev.gatehouse.apps;

import dev.gatehouse.apps.AppEvents.ClientSecretIssued;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.internal.CredentialRepository;
import dev.gatehouse.apps.internal.secrets.ClientSecrets;
import dev.gatehouse.apps.internal.secrets.WebhookSigningSecrets;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.audit.Audited;
import dev.gatehouse.shared.crypto.RandomTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OAuth client credentials and webhook signing secrets of apps. Secrets are generated here, shown
 * once, and kept only as a peppered digest (client secrets) or encrypted (webhook secrets, which we
 * must be able to sign with). Rotation keeps the previous secret valid for an overlap.
 */
@Service
public class AppCredentials {

	private final CredentialRepository credentials;

	private final AppRegistry registry;

	private final ClientSecrets clientSecrets;

	private final WebhookSigningSecrets webhookSecrets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final dev.gatehouse.apps.internal.secrets.StandardWebhookSigner signer;

	AppCredentials(CredentialRepository credentials, AppRegistry registry, ClientSecrets clientSecrets,
			WebhookSigningSecrets webhookSecrets, ApplicationEventPublisher events, Clock clock,
			dev.gatehouse.apps.internal.secrets.StandardWebhookSigner signer) {
		this.signer = signer;
		this.credentials = credentials;
		this.registry = registry;
		this.clientSecrets = clientSecrets;
		this.webhookSecrets = webhookSecrets;
		this.events = events;
		this.clock = clock;
	}

	public List<Credential> of(AppId app) {
		return credentials.credentials(app);
	}

	/**
	 * Issues (or rotates to) a new client secret. The sandbox client exists from the start; the
	 * production client only once the app is approved.
	 */
	@Transactional
	public IssuedSecret issueClientSecret(AppId id, UserId developer, Environment environment, Duration overlap) {
		App app = registry.requireForDeveloper(id, developer);
		if (environment == Environment.PRODUCTION && !app.status().active()) {
			throw new AppRejectedException("environment", "Production credentials exist once the app is approved.");
		}
		Credential credential = ensure(app.id(), environment);
		Instant now = clock.instant();
		var rotation = clientSecrets.rotate(credentials.secrets(credential.id()), now,
				overlap == null ? ClientSecrets.DEFAULT_OVERLAP : overlap);
		rotation.expiryChanges().forEach(change -> credentials.expireSecret(UUID.fromString(change.secretId()), change.expiresAt()));
		var issued = rotation.issued();
		String prefix = issued.plaintext().substring(0, 9);
		credentials.insertSecret(UUID.fromString(issued.id()), credential.id(), issued.digest(), prefix, now);
		events.publishEvent(new ClientSecretIssued(app.id(), credential.clientId(), prefix));
		Instant previous = rotation.expiryChanges().stream().map(c -> c.expiresAt()).max(Instant::compareTo).orElse(null);
		return new IssuedSecret(credential.clientId(), issued.plaintext(), previous);
	}

	/** Creates the client of an environment if it does not exist yet (idempotent). */
	@Transactional
	public Credential ensure(AppId app, Environment environment) {
		return credentials.credentials(app).stream().filter(c -> c.environment() == environment).findFirst().orElseGet(() -> {
			String clientId = (environment == Environment.SANDBOX ? "ghc_sb_" : "ghc_") + RandomTokens.readable(20);
			credentials.insertCredential(UUID.randomUUID(), app, environment, clientId, clock.instant());
			return credentials.credentials(app).stream().filter(c -> c.environment() == environment).findFirst().orElseThrow();
		});
	}

	/** Every app gets its sandbox client at once. */
	@EventListener
	void on(AppEvents.AppCreated created) {
		ensure(created.appId(), Environment.SANDBOX);
	}

	/** The production client appears with the first approval. */
	@EventListener
	void on(AppEvents.AppStatusChanged changed) {
		if (changed.to() == AppStatus.APPROVED) {
			ensure(changed.appId(), Environment.PRODUCTION);
		}
	}

	/** The client with this id, revoked or not, for the authorization server's client lookup. */
	public Optional<Credential> byClientId(String clientId) {
		return clientId == null ? Optional.empty() : credentials.byClientId(clientId);
	}

	/** The app and environment of a client whose secret matches, for the token endpoint. */
	public Optional<AuthenticatedClient> authenticate(String clientId, String secret) {
		if (clientId == null || secret == null) {
			return Optional.empty();
		}
		return credentials.byClientId(clientId)
			.filter(c -> c.revokedAt() == null)
			.filter(c -> clientSecrets.matches(secret, credentials.secrets(c.id()), clock.instant()))
			.map(c -> new AuthenticatedClient(c.appId(), c.environment(), c.clientId()));
	}

	/** A new webhook signing secret; the previous one keeps signing (a second signature) during the overlap. */
	@Transactional
	public IssuedSecret rotateWebhookSecret(AppId id, UserId developer) {
		App app = registry.requireForDeveloper(id, developer);
		Instant now = clock.instant();
		var rotation = webhookSecrets.rotate(app.id().toString(), credentials.webhookSecrets(app.id()), now);
		rotation.expiryChanges()
			.forEach(change -> credentials.expireWebhookSecret(UUID.fromString(change.secretId()), change.expiresAt()));
		var issued = rotation.issued();
		credentials.insertWebhookSecret(UUID.fromString(issued.secretId()), app.id(), issued.ciphertext(), now);
		events.publishEvent(new WebhookSecretRotated(app.id()));
		Instant previous = rotation.expiryChanges().stream().map(c -> c.expiresAt()).max(Instant::compareTo).orElse(null);
		return new IssuedSecret(null, issued.plaintext(), previous);
	}

	/** The secrets to sign a delivery with, newest first. */
	public List<String> webhookSigningKeys(AppId app) {
		return webhookSecrets.signingKeys(app.toString(), credentials.webhookSecrets(app), clock.instant());
	}

	/**
	 * The Standard Webhooks {@code webhook-signature} header for a message to the app: one signature
	 * per current secret (two while a rotation overlaps). Empty when the app has no signing secret.
	 */
	public java.util.Optional<String> signWebhook(AppId app, String msgId, long timestampSeconds, String payload) {
		List<String> keys = webhookSigningKeys(app);
		return keys.isEmpty() ? java.util.Optional.empty()
				: java.util.Optional.of(signer.sign(msgId, timestampSeconds, payload, keys));
	}

	public record AuthenticatedClient(AppId appId, Environment environment, String clientId) {
	}

	public record WebhookSecretRotated(AppId appId) implements Audited {
		public String action() { return "apps.webhook_secret.rotated"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of(); }
	}

}
