package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.Aead;

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
