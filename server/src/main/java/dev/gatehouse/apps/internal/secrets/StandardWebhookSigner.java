package dev.gatehouse.apps.internal.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * {@code v1,<Base64 of HMAC-SHA256(key, msgId + "." + timestamp + "." + payload)>}, one entry per
 * secret, separated by spaces. The key is the Base64-decoded part of the secret after {@code whsec_}.
 * Several entries let receivers switch secrets during a rotation: each one verifies on its own.
 */
@Component
public class StandardWebhookSigner {

	static final String VERSION = "v1";

	public String sign(String msgId, long timestampSeconds, String payload, List<String> whsecSecrets) {
		if (msgId == null || msgId.isBlank()) {
			throw new IllegalArgumentException("A message id is required.");
		}
		if (payload == null) {
			throw new IllegalArgumentException("A payload is required.");
		}
		if (whsecSecrets == null || whsecSecrets.isEmpty()) {
			throw new IllegalArgumentException("At least one secret is required.");
		}
		byte[] content = (msgId + "." + timestampSeconds + "." + payload).getBytes(StandardCharsets.UTF_8);
		var signatures = new StringJoiner(" ");
		for (String secret : whsecSecrets) {
			signatures.add(VERSION + "," + Base64.getEncoder().encodeToString(hmac(key(secret), content)));
		}
		return signatures.toString();
	}

	/** The raw key of a {@code whsec_} secret; the specification allows 24 to 64 bytes. */
	static byte[] key(String whsecSecret) {
		if (whsecSecret == null || !whsecSecret.startsWith(WebhookSigningSecrets.PREFIX)) {
			throw new IllegalArgumentException("Not a whsec_ secret.");
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(whsecSecret.substring(WebhookSigningSecrets.PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("A whsec_ secret must be Base64 after its prefix.");
		}
		if (key.length < 24 || key.length > 64) {
			throw new IllegalArgumentException("A whsec_ secret must hold 24 to 64 bytes.");
		}
		return key;
	}

	private static byte[] hmac(byte[] key, byte[] content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

}
