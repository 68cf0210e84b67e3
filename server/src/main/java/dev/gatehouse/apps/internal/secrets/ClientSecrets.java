package dev.gatehouse.apps.internal.secrets;

import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.crypto.SecretDigester;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * OAuth client secrets that Gatehouse generates: {@code ghcs_} followed by 256 random bits in
 * URL-safe Base64. The plaintext is shown once; only a peppered HMAC-SHA256 digest is stored.
 * <p>
 * Not BCrypt or Argon2: those slow hashes exist to make guessing low-entropy human passwords
 * expensive. A 256-bit random secret cannot be guessed, so a slow hash buys nothing, while a BCrypt
 * check at cost 10 takes about 60 ms of one core and would cap the token endpoint at a few dozen
 * client authentications per second per core. The pepper (a key kept outside the database) means a
 * leaked table of digests alone does not even allow offline checks.
 * <p>
 * An app may hold several secrets at once: rotation issues a new one and gives the old ones an
 * expiry after an overlap, so deployments can switch without downtime. This class only computes;
 * the caller stores the {@link Issued} digest and the {@link ExpiryChange}s in its own tables.
 * The same rotation rules apply to {@link WebhookSigningSecrets}.
 */
@Component
public class ClientSecrets {

	public static final String PREFIX = "ghcs_";

	/** 32 bytes = 256 bits of randomness, 43 characters in URL-safe Base64 without padding. */
	static final int RANDOM_BYTES = 32;

	/** Longer than any secret we issue; bounds the work a caller can make us do per attempt. */
	static final int MAX_PRESENTED_LENGTH = 256;

	public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

	public static final Duration MAX_OVERLAP = Duration.ofDays(30);

	private final SecretDigester digester;

	public ClientSecrets(SecretDigester digester) {
		this.digester = digester;
	}

	/** A new secret: its id, the plaintext to show once, and the digest to store. */
	public Issued issue() {
		String plaintext = PREFIX + RandomTokens.urlSafe(RANDOM_BYTES);
		return new Issued(UUID.randomUUID().toString(), plaintext, digester.digest(plaintext));
	}

	/**
	 * Whether {@code presented} is one of the secrets still active at {@code now}. Every active
	 * secret is checked, without stopping at the first match, so the time taken does not tell which
	 * one matched; each check is Tink's constant-time MAC verification, never a String comparison.
	 */
	public boolean matches(String presented, List<StoredSecret> stored, Instant now) {
		Objects.requireNonNull(now, "now");
		if (presented == null || stored == null || !presented.startsWith(PREFIX)
				|| presented.length() > MAX_PRESENTED_LENGTH) {
			return false;
		}
		boolean matched = false;
		for (StoredSecret secret : stored) {
			if (secret.activeAt(now)) {
				matched |= digester.matches(presented, secret.digest());
			}
		}
		return matched;
	}

	/** {@link #rotate(List, Instant, Duration)} with the {@link #DEFAULT_OVERLAP default overlap}. */
	public Rotation rotate(List<StoredSecret> current, Instant now) {
		return rotate(current, now, DEFAULT_OVERLAP);
	}

	/**
	 * A new secret, and the expiry to set on each secret active now: {@code now + overlap}, unless it
	 * already expires sooner. An overlap of zero ends the old secrets at once (for a leaked secret).
	 */
	public Rotation rotate(List<StoredSecret> current, Instant now, Duration overlap) {
		Objects.requireNonNull(current, "current");
		var expiries = expiriesAfterRotation(
				current.stream().map(secret -> new Expiring(secret.id(), secret.expiresAt())).toList(), now, overlap);
		return new Rotation(issue(), expiries);
	}

	static boolean active(Instant expiresAt, Instant now) {
		return expiresAt == null || now.isBefore(expiresAt);
	}

	/** The expiry changes a rotation at {@code now} makes; shared with {@link WebhookSigningSecrets}. */
	static List<ExpiryChange> expiriesAfterRotation(List<Expiring> current, Instant now, Duration overlap) {
		Objects.requireNonNull(now, "now");
		if (overlap == null || overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
			throw new IllegalArgumentException("The overlap must be between 0 and " + MAX_OVERLAP.toDays() + " days.");
		}
		Instant end = now.plus(overlap);
		var changes = new ArrayList<ExpiryChange>();
		for (Expiring secret : current) {
			if (active(secret.expiresAt(), now) && (secret.expiresAt() == null || end.isBefore(secret.expiresAt()))) {
				changes.add(new ExpiryChange(secret.id(), end));
			}
		}
		return List.copyOf(changes);
	}

	/** A secret as the caller stores it. {@code expiresAt} null means it does not expire. */
	public record StoredSecret(String id, byte[] digest, Instant createdAt, Instant expiresAt) {

		public StoredSecret {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(digest, "digest");
		}

		public boolean activeAt(Instant now) {
			return active(expiresAt, now);
		}

	}

	/** A freshly issued secret. {@code plaintext} goes to the user once and is never stored. */
	public record Issued(String id, String plaintext, byte[] digest) {

		@Override
		public String toString() {
			return "Issued[id=" + id + ", plaintext=" + PREFIX + "…]";
		}

	}

	/** The outcome of a rotation: store {@code issued}, then apply every {@code expiryChanges} entry. */
	public record Rotation(Issued issued, List<ExpiryChange> expiryChanges) {
	}

	/** Set the expiry of secret {@code secretId} to {@code expiresAt}. */
	public record ExpiryChange(String secretId, Instant expiresAt) {
	}

	/** What rotation needs to know of a stored secret, whatever kind it is. */
	record Expiring(String id, Instant expiresAt) {
	}

}
