package dev.gatehouse.apps.internal.secrets;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardWebhookSignerTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StandardWebhookSigner signer = new StandardWebhookSigner();

	@Test
	void signWhenSpecificationTestVectorThenPublishedSignature() {
		// The example from the Standard Webhooks specification and its reference libraries.
		String signature = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}",
				List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void signWhenOneSecretThenSameAsTheReferenceLibraryAndItVerifies() throws Exception {
		String secret = randomSecret(32);
		long timestamp = Instant.now().getEpochSecond();
		String payload = "{\"type\":\"app.installed\",\"data\":{\"app\":\"a-1\",\"note\":\"ü €\"}}";

		String signature = signer.sign("msg_1", timestamp, payload, List.of(secret));

		assertThat(signature).isEqualTo(new Webhook(secret).sign("msg_1", timestamp, payload));
		assertThatNoException().isThrownBy(() -> new Webhook(secret).verify(payload, headers("msg_1", timestamp, signature)));
	}

	@Test
	void signWhenTwoSecretsThenTwoSignaturesAndEachSecretVerifiesOnItsOwn() throws Exception {
		String newer = randomSecret(32);
		String older = randomSecret(32);
		long timestamp = Instant.now().getEpochSecond();
		String payload = "{\"type\":\"ping\"}";

		String signature = signer.sign("msg_2", timestamp, payload, List.of(newer, older));

		assertThat(signature.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
		assertThat(signature.split(" ")[0]).isEqualTo(new Webhook(newer).sign("msg_2", timestamp, payload));
		var headers = headers("msg_2", timestamp, signature);
		assertThatNoException().isThrownBy(() -> new Webhook(newer).verify(payload, headers));
		assertThatNoException().isThrownBy(() -> new Webhook(older).verify(payload, headers));
		assertThatThrownBy(() -> new Webhook(randomSecret(32)).verify(payload, headers))
			.isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void verifyWhenPayloadIdOrTimestampChangedThenReferenceLibraryRejects() throws Exception {
		String secret = randomSecret(32);
		long timestamp = Instant.now().getEpochSecond();
		String signature = signer.sign("msg_3", timestamp, "{\"amount\":1}", List.of(secret));
		var webhook = new Webhook(secret);

		assertThatThrownBy(() -> webhook.verify("{\"amount\":2}", headers("msg_3", timestamp, signature)))
			.isInstanceOf(WebhookVerificationException.class);
		assertThatThrownBy(() -> webhook.verify("{\"amount\":1}", headers("msg_4", timestamp, signature)))
			.isInstanceOf(WebhookVerificationException.class);
		assertThatThrownBy(() -> webhook.verify("{\"amount\":1}", headers("msg_3", timestamp + 1, signature)))
			.isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void signWhenSecretsOfTheAllowedSizesThenTheyVerify() throws Exception {
		long timestamp = Instant.now().getEpochSecond();
		for (int size : new int[] { 24, 64 }) {
			String secret = randomSecret(size);
			String signature = signer.sign("msg_5", timestamp, "{}", List.of(secret));
			new Webhook(secret).verify("{}", headers("msg_5", timestamp, signature));
		}
	}

	@Test
	void signWhenSecretOrInputMalformedThenRefused() {
		String ok = randomSecret(32);

		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, "{}", List.of(ok.substring(6))));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, "{}", List.of(randomSecret(16))));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, "{}", List.of(randomSecret(65))));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, "{}", List.of("whsec_not base64!")));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, "{}", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(" ", 1, "{}", List.of(ok)));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("m", 1, null, List.of(ok)));
	}

	static Map<String, List<String>> headers(String msgId, long timestamp, String signature) {
		return Map.of("webhook-id", List.of(msgId), "webhook-timestamp", List.of(Long.toString(timestamp)),
				"webhook-signature", List.of(signature));
	}

	private static String randomSecret(int bytes) {
		byte[] key = new byte[bytes];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

}
