package dev.gatehouse.apps.internal.secrets;

import dev.gatehouse.apps.internal.secrets.ClientSecrets.ExpiryChange;
import dev.gatehouse.apps.internal.secrets.WebhookSigningSecrets.IssuedWebhookSecret;
import dev.gatehouse.apps.internal.secrets.WebhookSigningSecrets.StoredWebhookSecret;
import dev.gatehouse.apps.internal.secrets.WebhookSigningSecrets.WebhookRotation;
import dev.gatehouse.shared.crypto.SecretBox;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.standardwebhooks.Webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WebhookSigningSecretsTests {

	private final WebhookSigningSecrets secrets = new WebhookSigningSecrets(box());

	private final StandardWebhookSigner signer = new StandardWebhookSigner();

	private final String appId = UUID.randomUUID().toString();

	@Test
	void issueWhenCalledThenWhsecOf32RandomBytesAndTheCiphertextHidesIt() {
		IssuedWebhookSecret issued = secrets.issue(appId);

		assertThat(issued.plaintext()).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(issued.plaintext().substring(6))).hasSize(32);
		assertThat(new String(issued.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(issued.plaintext().substring(6));
		assertThat(issued.toString()).doesNotContain(issued.plaintext().substring(6));
		assertThat(secrets.issue(appId).plaintext()).isNotEqualTo(issued.plaintext());
	}

	@Test
	void revealWhenSameAppAndSecretIdThenPlaintext() {
		IssuedWebhookSecret issued = secrets.issue(appId);

		assertThat(secrets.reveal(appId, issued.secretId(), issued.ciphertext())).isEqualTo(issued.plaintext());
	}

	@Test
	void revealWhenAnotherAppOrAnotherRowThenFails() {
		IssuedWebhookSecret issued = secrets.issue(appId);

		assertThatIllegalStateException()
			.isThrownBy(() -> secrets.reveal(UUID.randomUUID().toString(), issued.secretId(), issued.ciphertext()));
		assertThatIllegalStateException()
			.isThrownBy(() -> secrets.reveal(appId, UUID.randomUUID().toString(), issued.ciphertext()));
	}

	@Test
	void revealWhenSealedUnderAnotherKeyThenFails() {
		IssuedWebhookSecret issued = new WebhookSigningSecrets(box()).issue(appId);

		assertThatIllegalStateException().isThrownBy(() -> secrets.reveal(appId, issued.secretId(), issued.ciphertext()));
	}

	@Test
	void issueWhenIdsCouldShareAssociatedDataThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.issue("app:1"));
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.issue(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> secrets.reveal(appId, "a:b", new byte[40]));
	}

	@Test
	void signWhenIssuedSecretThenTheStandardWebhooksLibraryVerifies() throws Exception {
		IssuedWebhookSecret issued = secrets.issue(appId);
		var stored = List.of(stored(issued, Instant.now().minusSeconds(60), null));
		long timestamp = Instant.now().getEpochSecond();
		String payload = "{\"type\":\"app.installed\"}";

		String signature = signer.sign("msg_1", timestamp, payload, secrets.signingKeys(appId, stored, Instant.now()));

		assertThatNoException().isThrownBy(() -> new Webhook(issued.plaintext()).verify(payload,
				StandardWebhookSignerTests.headers("msg_1", timestamp, signature)));
	}

	@Test
	void rotateWhenWithinOverlapThenDeliveriesCarryBothSignaturesNewestFirstAndAfterItOnlyTheNew() throws Exception {
		Instant now = Instant.now();
		IssuedWebhookSecret old = secrets.issue(appId);
		var table = new ArrayList<>(List.of(stored(old, now.minus(Duration.ofDays(100)), null)));

		WebhookRotation rotation = secrets.rotate(appId, table, now);
		apply(table, rotation, now);

		assertThat(rotation.expiryChanges()).containsExactly(new ExpiryChange(old.secretId(), now.plus(Duration.ofHours(24))));
		List<String> during = secrets.signingKeys(appId, table, now.plusSeconds(1));
		assertThat(during).containsExactly(rotation.issued().plaintext(), old.plaintext());

		long timestamp = Instant.now().getEpochSecond();
		String payload = "{\"type\":\"ping\"}";
		String signature = signer.sign("msg_2", timestamp, payload, during);
		assertThat(signature.split(" ")).hasSize(2);
		var headers = StandardWebhookSignerTests.headers("msg_2", timestamp, signature);
		assertThatNoException().isThrownBy(() -> new Webhook(old.plaintext()).verify(payload, headers));
		assertThatNoException().isThrownBy(() -> new Webhook(rotation.issued().plaintext()).verify(payload, headers));

		assertThat(secrets.signingKeys(appId, table, now.plus(Duration.ofHours(24))))
			.containsExactly(rotation.issued().plaintext());
	}

	@Test
	void rotateWhenAnOldSecretAlreadyExpiresSoonerThenItsExpiryIsNotExtended() {
		Instant now = Instant.now();
		IssuedWebhookSecret soon = secrets.issue(appId);
		IssuedWebhookSecret open = secrets.issue(appId);
		var current = List.of(stored(soon, now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1))),
				stored(open, now.minus(Duration.ofDays(1)), null));

		WebhookRotation rotation = secrets.rotate(appId, current, now, Duration.ofDays(3));

		assertThat(rotation.expiryChanges()).containsExactly(new ExpiryChange(open.secretId(), now.plus(Duration.ofDays(3))));
		assertThat(secrets.reveal(appId, rotation.issued().secretId(), rotation.issued().ciphertext()))
			.isEqualTo(rotation.issued().plaintext());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> secrets.rotate(appId, current, now, Duration.ofDays(31)));
	}

	static SecretBox box() {
		try {
			AeadConfig.register();
			return SecretBox.forKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StoredWebhookSecret stored(IssuedWebhookSecret issued, Instant createdAt, Instant expiresAt) {
		return new StoredWebhookSecret(issued.secretId(), issued.ciphertext(), createdAt, expiresAt);
	}

	private static void apply(List<StoredWebhookSecret> table, WebhookRotation rotation, Instant now) {
		table.replaceAll(row -> rotation.expiryChanges()
			.stream()
			.filter(change -> change.secretId().equals(row.id()))
			.findFirst()
			.map(change -> new StoredWebhookSecret(row.id(), row.ciphertext(), row.createdAt(), change.expiresAt()))
			.orElse(row));
		table.add(new StoredWebhookSecret(rotation.issued().secretId(), rotation.issued().ciphertext(), now, null));
	}

}
