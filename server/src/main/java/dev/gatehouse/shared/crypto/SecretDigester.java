package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.MacConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Keyed digests (HMAC-SHA256 with a server-side pepper) for high-entropy secrets that Gatehouse
 * generates: access tokens, client secrets, recovery codes. Not for human passwords, which need a
 * slow hash. Verification tries every key of the keyset, so the pepper can be rotated.
 */
public final class SecretDigester {

	private final Mac mac;

	SecretDigester(Mac mac) {
		this.mac = mac;
	}

	/**
	 * A digester over a MAC keyset already in hand. The application gets its digester from
	 * {@link CryptoConfiguration}; this is for that configuration and for tests that build keysets
	 * themselves, for example to rotate the pepper. The keyset must hold MAC keys.
	 */
	public static SecretDigester forKeyset(KeysetHandle keyset) throws GeneralSecurityException {
		MacConfig.register();
		return new SecretDigester(keyset.getPrimitive(RegistryConfiguration.get(), Mac.class));
	}

	public byte[] digest(String secret) {
		try {
			return mac.computeMac(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Digest failed", ex);
		}
	}

	/** Constant-time comparison is done by Tink. */
	public boolean matches(String secret, byte[] digest) {
		if (secret == null || digest == null) {
			return false;
		}
		try {
			mac.verifyMac(digest, secret.getBytes(StandardCharsets.UTF_8));
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
