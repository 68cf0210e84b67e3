package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.KeyTemplate;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;

import java.security.GeneralSecurityException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretDigesterTests {

	@BeforeAll
	static void registerMac() throws GeneralSecurityException {
		MacConfig.register();
	}

	@Test
	void matchesWhenSameSecretThenTrueAndOtherwiseFalse() throws Exception {
		var digester = SecretDigester.forKeyset(newKeyset());

		byte[] digest = digester.digest("ghcs_secret");

		assertThat(digester.matches("ghcs_secret", digest)).isTrue();
		assertThat(digester.matches("ghcs_secreT", digest)).isFalse();
		assertThat(digester.matches(null, digest)).isFalse();
		assertThat(digester.matches("ghcs_secret", null)).isFalse();
	}

	@Test
	void matchesWhenOtherPepperThenFalse() throws Exception {
		byte[] digest = SecretDigester.forKeyset(newKeyset()).digest("ghcs_secret");

		assertThat(SecretDigester.forKeyset(newKeyset()).matches("ghcs_secret", digest)).isFalse();
	}

	@Test
	void matchesWhenPepperRotatedThenOldDigestsStillVerifyAndNewOnesUseTheNewKey() throws Exception {
		KeysetHandle original = newKeyset();
		byte[] before = SecretDigester.forKeyset(original).digest("ghcs_secret");

		var manager = KeysetManager.withKeysetHandle(original)
			.add(KeyTemplate.createFrom(PredefinedMacParameters.HMAC_SHA256_256BITTAG));
		int newKeyId = SecretBoxTests.newestKeyId(original, manager.getKeysetHandle());
		KeysetHandle rotated = manager.setPrimary(newKeyId).getKeysetHandle();
		var digester = SecretDigester.forKeyset(rotated);
		byte[] after = digester.digest("ghcs_secret");

		assertThat(digester.matches("ghcs_secret", before)).isTrue();
		assertThat(digester.matches("ghcs_secret", after)).isTrue();
		assertThat(after).isNotEqualTo(before);
		assertThat(SecretDigester.forKeyset(original).matches("ghcs_secret", after)).isFalse();

		KeysetHandle withoutOld = KeysetManager.withKeysetHandle(rotated)
			.delete(original.getPrimary().getId())
			.getKeysetHandle();
		assertThat(SecretDigester.forKeyset(withoutOld).matches("ghcs_secret", before)).isFalse();
		assertThat(SecretDigester.forKeyset(withoutOld).matches("ghcs_secret", after)).isTrue();
	}

	static KeysetHandle newKeyset() throws GeneralSecurityException {
		return KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
	}

}
