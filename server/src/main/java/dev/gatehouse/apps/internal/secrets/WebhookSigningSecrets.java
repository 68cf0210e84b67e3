package dev.gatehouse.apps.internal.secrets;

import dev.gatehouse.apps.internal.secrets.ClientSecrets.ExpiryChange;
import dev.gatehouse.apps.internal.secrets.ClientSecrets.Expiring;
import dev.gatehouse.shared.crypto.SecretBox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Standard Webhooks signing secrets: {@code whsec_} followed by the Base64 of 32 random bytes.
 * Unlike a client secret, Gatehouse needs the secret itself to sign each delivery, so it is stored
 * encrypted (Tink AES-256-GCM) rather than digested. The associated data
 * {@code "apps.webhook-secret:" + appId + ":" + secretId} binds each ciphertext to its app and row:
 * a ciphertext copied to another app or row does not open.
 * <p>
 * Rotation follows the rules of {@link ClientSecrets}: the old secrets stay active for an overlap,
 * and while they do each delivery carries one signature per active secret, newest first.
 */
@Component
public class WebhookSigningSecrets {

	public static final String PREFIX = "whsec_";

	/** The specification allows 24 to 64 bytes; 32 bytes is the size of an HMAC-SHA256 output. */
	static final int KEY_BYTES = 32;

	private static final String CONTEXT = "apps.webhook-secret:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretBox box;

	public WebhookSigningSecrets(SecretBox box) {
		this.box = box;
	}

	/** A new secret for {@code appId}: its id, the plaintext (shown to the app's owner), the ciphertext to store. */
	public IssuedWebhookSecret issue(String appId) {
		String secretId = UUID.randomUUID().toString();
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		String plaintext = PREFIX + Base64.getEncoder().encodeToString(key);
		return new IssuedWebhookSecret(secretId, plaintext, box.seal(plaintext, context(appId, secretId)));
	}

	/**
	 * The plaintext of a stored secret. Fails with {@link IllegalStateException} if the ciphertext was
	 * not sealed for this app and secret id, or was sealed with a key no longer in the keyset.
	 */
	public String reveal(String appId, String secretId, byte[] ciphertext) {
		Objects.requireNonNull(ciphertext, "ciphertext");
		return box.open(ciphertext, context(appId, secretId));
	}

	/** The secrets to sign a delivery with at {@code now}: every active one, newest first. */
	public List<String> signingKeys(String appId, List<StoredWebhookSecret> stored, Instant now) {
		Objects.requireNonNull(now, "now");
		return stored.stream()
			.filter(secret -> secret.activeAt(now))
			.sorted(Comparator.comparing(StoredWebhookSecret::createdAt).reversed())
			.map(secret -> reveal(appId, secret.id(), secret.ciphertext()))
			.toList();
	}

	/** {@link #rotate(String, List, Instant, Duration)} with the default overlap of 24 hours. */
	public WebhookRotation rotate(String appId, List<StoredWebhookSecret> current, Instant now) {
		return rotate(appId, current, now, ClientSecrets.DEFAULT_OVERLAP);
	}

	/**
	 * A new secret, and the expiry to set on each secret active now: {@code now + overlap} (at most
	 * 30 days), unless it already expires sooner.
	 */
	public WebhookRotation rotate(String appId, List<StoredWebhookSecret> current, Instant now, Duration overlap) {
		Objects.requireNonNull(current, "current");
		var expiries = ClientSecrets.expiriesAfterRotation(
				current.stream().map(secret -> new Expiring(secret.id(), secret.expiresAt())).toList(), now, overlap);
		return new WebhookRotation(issue(appId), expiries);
	}

	/**
	 * A colon in either id would let two different (app, secret) pairs share associated data, so
	 * neither may hold one.
	 */
	static String context(String appId, String secretId) {
		if (appId == null || appId.isBlank() || appId.indexOf(':') >= 0) {
			throw new IllegalArgumentException("An app id without colons is required.");
		}
		if (secretId == null || secretId.isBlank() || secretId.indexOf(':') >= 0) {
			throw new IllegalArgumentException("A secret id without colons is required.");
		}
		return CONTEXT + appId + ":" + secretId;
	}

	/** A freshly issued secret; store {@code secretId} and {@code ciphertext}. */
	public record IssuedWebhookSecret(String secretId, String plaintext, byte[] ciphertext) {

		@Override
		public String toString() {
			return "IssuedWebhookSecret[secretId=" + secretId + ", plaintext=" + PREFIX + "…]";
		}

	}

	/** A secret as the caller stores it. {@code expiresAt} null means it does not expire. */
	public record StoredWebhookSecret(String id, byte[] ciphertext, Instant createdAt, Instant expiresAt) {

		public StoredWebhookSecret {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(ciphertext, "ciphertext");
			Objects.requireNonNull(createdAt, "createdAt");
		}

		public boolean activeAt(Instant now) {
			return ClientSecrets.active(expiresAt, now);
		}

	}

	/** The outcome of a rotation: store {@code issued}, then apply every {@code expiryChanges} entry. */
	public record WebhookRotation(IssuedWebhookSecret issued, List<ExpiryChange> expiryChanges) {
	}

}
