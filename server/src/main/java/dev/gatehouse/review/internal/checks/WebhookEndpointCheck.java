package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.review.ReviewProperties;
import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.shared.net.OutboundRequest;
import dev.gatehouse.shared.net.OutboundRequestFailed;
import dev.gatehouse.shared.net.OutboundRequestRefused;
import dev.gatehouse.shared.net.OutboundResponse;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * {@code check.webhook-endpoint}: the endpoint takes a correctly signed {@code webhook.verification}
 * event (2xx within {@code timeoutSeconds}, 5 by default) and refuses the same event with a wrong
 * signature (401). An endpoint that accepts anything would accept forged privacy requests.
 */
@Component
class WebhookEndpointCheck implements Check {

	static final int DEFAULT_TIMEOUT_SECONDS = 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final OutboundHttpClient http;

	private final AppCredentials credentials;

	private final boolean allowHttp;

	WebhookEndpointCheck(OutboundHttpClient http, AppCredentials credentials, ReviewProperties properties) {
		this.http = http;
		this.credentials = credentials;
		this.allowHttp = properties.allowHttp();
	}

	@Override
	public String id() {
		return "check.webhook-endpoint";
	}

	@Override
	public boolean network() {
		return true;
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		String url = input.content().webhookUrl();
		if (url == null || url.isBlank()) {
			return Verdict.notApplicable("The app registers no webhook endpoint.");
		}
		int timeout = Check.intParam(params, "timeoutSeconds", DEFAULT_TIMEOUT_SECONDS);
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("url", url);
		evidence.put("timeoutSeconds", timeout);
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return Verdict.fail("The webhook URL is not a URL.", evidence);
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !allowHttp) {
			return Verdict.fail("The webhook endpoint does not use https.", evidence);
		}
		String msgId = "msg_verify_" + RandomTokens.readable(16);
		long timestamp = input.now().getEpochSecond();
		String payload = "{\"type\":\"webhook.verification\",\"timestamp\":\"" + input.now() + "\",\"data\":{\"appId\":\""
				+ input.app().id() + "\"}}";
		Optional<String> signature = credentials.signWebhook(input.app().id(), msgId, timestamp, payload);
		if (signature.isEmpty()) {
			return Verdict.fail("The app has no webhook signing secret, so no event can be signed.", evidence);
		}
		evidence.put("messageId", msgId);
		Map<String, Object> signed = send(uri, msgId, timestamp, payload, signature.get());
		evidence.put("signedEvent", signed);
		Integer signedStatus = (Integer) signed.get("status");
		long elapsed = signed.get("elapsedMs") instanceof Long l ? l : Long.MAX_VALUE;
		if (signedStatus == null || signedStatus < 200 || signedStatus >= 300) {
			return Verdict.fail("The endpoint did not accept a correctly signed event ("
					+ signed.getOrDefault("problem", "answered " + signedStatus) + ").", evidence);
		}
		if (elapsed > timeout * 1000L) {
			return Verdict.fail("The endpoint took " + elapsed + " ms to accept a signed event; the limit is " + timeout
					+ " s.", evidence);
		}
		Map<String, Object> forged = send(uri, msgId, timestamp, payload, badSignature());
		evidence.put("badSignatureEvent", forged);
		Integer forgedStatus = (Integer) forged.get("status");
		if (forgedStatus == null || forgedStatus != 401) {
			return Verdict.fail("The endpoint did not refuse an event with a wrong signature with 401 ("
					+ forged.getOrDefault("problem", "answered " + forgedStatus) + ").", evidence);
		}
		return Verdict.pass("The endpoint accepted a signed event in " + elapsed
				+ " ms and refused a forged one with 401.", evidence);
	}

	private Map<String, Object> send(URI uri, String msgId, long timestamp, String payload, String signature) {
		Map<String, Object> attempt = new LinkedHashMap<>();
		var request = OutboundRequest.postJson(uri, payload)
			.withHeader("webhook-id", msgId)
			.withHeader("webhook-timestamp", Long.toString(timestamp))
			.withHeader("webhook-signature", signature);
		if (allowHttp) {
			request = request.allowingHttp();
		}
		long began = System.nanoTime();
		try {
			OutboundResponse response = http.execute(request);
			attempt.put("status", response.status());
			attempt.put("elapsedMs", (System.nanoTime() - began) / 1_000_000);
		}
		catch (OutboundRequestRefused ex) {
			attempt.put("problem", "refused: " + ex.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
		catch (OutboundRequestFailed ex) {
			attempt.put("problem", "no answer");
		}
		return attempt;
	}

	/** A well-formed signature with the right length that no secret produced. */
	private static String badSignature() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "v1," + Base64.getEncoder().encodeToString(bytes);
	}

}
