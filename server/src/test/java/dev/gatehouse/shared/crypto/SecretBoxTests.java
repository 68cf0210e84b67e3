package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.KeyTemplate;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	@BeforeAll
	static void registerAead() throws GeneralSecurityException {
		AeadConfig.register();
	}

	@Test
	void openWhenSameContextThenPlaintextComesBack() throws Exception {
		var box = SecretBox.forKeyset(newKeyset());

		byte[] sealed = box.seal("whsec_example", "apps.webhook-secret:app-1:s-1");

		assertThat(box.open(sealed, "apps.webhook-secret:app-1:s-1")).isEqualTo("whsec_example");
	}

	@Test
	void sealWhenCalledTwiceThenCiphertextsDifferAndHideThePlaintext() throws Exception {
		var box = SecretBox.forKeyset(newKeyset());

		byte[] first = box.seal("same secret", "ctx");
		byte[] second = box.seal("same secret", "ctx");

		assertThat(first).isNotEqualTo(second);
		assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("same secret");
	}

	@Test
	void openWhenOtherContextThenFails() throws Exception {
		var box = SecretBox.forKeyset(newKeyset());
		byte[] sealed = box.seal("secret", "apps.webhook-secret:app-1:s-1");

		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed, "apps.webhook-secret:app-2:s-1"));
	}

	@Test
	void openWhenCiphertextTamperedThenFails() throws Exception {
		var box = SecretBox.forKeyset(newKeyset());
		byte[] sealed = box.seal("secret", "ctx");
		sealed[sealed.length - 1] ^= 1;

		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed, "ctx"));
	}

	@Test
	void openWhenKeyRotatedThenOldCiphertextsStillOpenAndNewOnesUseTheNewPrimary() throws Exception {
		KeysetHandle original = newKeyset();
		int oldKeyId = original.getPrimary().getId();
		byte[] sealedBefore = SecretBox.forKeyset(original).seal("before", "ctx");

		KeysetHandle rotated = addPrimary(original);
		int newKeyId = rotated.getPrimary().getId();
		var box = SecretBox.forKeyset(rotated);
		byte[] sealedAfter = box.seal("after", "ctx");

		assertThat(newKeyId).isNotEqualTo(oldKeyId);
		assertThat(rotated.size()).isEqualTo(2);
		assertThat(box.open(sealedBefore, "ctx")).isEqualTo("before");
		assertThat(box.open(sealedAfter, "ctx")).isEqualTo("after");
		// Tink prefixes each ciphertext with a version byte and the id of the key that sealed it.
		assertThat(keyIdOf(sealedBefore)).isEqualTo(oldKeyId);
		assertThat(keyIdOf(sealedAfter)).isEqualTo(newKeyId);
	}

	@Test
	void openWhenOldKeyRemovedThenOldCiphertextsFailAndNewOnesStillOpen() throws Exception {
		KeysetHandle original = newKeyset();
		int oldKeyId = original.getPrimary().getId();
		byte[] sealedBefore = SecretBox.forKeyset(original).seal("before", "ctx");
		KeysetHandle rotated = addPrimary(original);
		byte[] sealedAfter = SecretBox.forKeyset(rotated).seal("after", "ctx");

		KeysetHandle withoutOld = KeysetManager.withKeysetHandle(rotated).delete(oldKeyId).getKeysetHandle();
		var box = SecretBox.forKeyset(withoutOld);

		assertThat(withoutOld.size()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> box.open(sealedBefore, "ctx"));
		assertThat(box.open(sealedAfter, "ctx")).isEqualTo("after");
	}

	static KeysetHandle newKeyset() throws GeneralSecurityException {
		return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
	}

	/** Adds a fresh AES-256-GCM key and makes it the primary, as an operator rotating the key would. */
	static KeysetHandle addPrimary(KeysetHandle handle) throws GeneralSecurityException {
		var manager = KeysetManager.withKeysetHandle(handle)
			.add(KeyTemplate.createFrom(PredefinedAeadParameters.AES256_GCM));
		KeysetHandle added = manager.getKeysetHandle();
		int newKeyId = newestKeyId(handle, added);
		return manager.setPrimary(newKeyId).getKeysetHandle();
	}

	static int newestKeyId(KeysetHandle before, KeysetHandle after) {
		for (int i = 0; i < after.size(); i++) {
			int id = after.getAt(i).getId();
			boolean known = false;
			for (int j = 0; j < before.size(); j++) {
				known |= before.getAt(j).getId() == id;
			}
			if (!known) {
				return id;
			}
		}
		throw new IllegalStateException("No key was added");
	}

	private static int keyIdOf(byte[] ciphertext) {
		assertThat(ciphertext[0]).isEqualTo((byte) 0x01);
		return ByteBuffer.wrap(Arrays.copyOfRange(ciphertext, 1, 5)).getInt();
	}

}
