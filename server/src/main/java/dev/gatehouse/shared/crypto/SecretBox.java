package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encryption at rest (Tink AEAD, AES-256-GCM). The associated data binds a ciphertext to its place,
 * for example {@code "identity.totp:" + userId}, so a ciphertext copied to another row fails to open.
 */
public final class SecretBox {

	private final Aead aead;

	SecretBox(Aead aead) {
		this.aead = aead;
	}

	/**
	 * A box over an AEAD keyset already in hand. The application gets its box from
	 * {@link CryptoConfiguration}; this is for that configuration and for tests that build keysets
	 * themselves, for example to rotate keys. The keyset must hold AEAD keys.
	 */
	public static SecretBox forKeyset(KeysetHandle keyset) throws GeneralSecurityException {
		AeadConfig.register();
		return new SecretBox(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
	}

	public byte[] seal(String plaintext, String context) {
		try {
			return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	public String open(byte[] ciphertext, String context) {
		try {
			return new String(aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed: wrong key or wrong context", ex);
		}
	}

}
