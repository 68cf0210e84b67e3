package dev.gatehouse.gateway.internal;

import dev.gatehouse.shared.web.ProblemTypes;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's refusals: RFC 9457 problem+json, and for token problems the RFC 6750
 * {@code WWW-Authenticate} challenge. Written by hand: a handful of fields, on the hot path of
 * every refused call.
 */
final class ProblemResponses {

	static final String REALM = "platform";

	private ProblemResponses() {
	}

	/** A refusal ready to send: status, headers (with its content type) and a problem+json body. */
	record Problem(int status, List<Map.Entry<String, String>> headers, byte[] body) {
	}

	/**
	 * @param extraHeaders headers the gateway sends with every answer to this call (the rate limit's)
	 */
	static Problem problem(Refusal refusal, String detail, String callId, List<Map.Entry<String, String>> extraHeaders) {
		List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders.size() + 4);
		headers.addAll(extraHeaders);
		headers.add(Map.entry("Content-Type", "application/problem+json"));
		headers.add(Map.entry("Cache-Control", "no-store"));
		headers.add(Map.entry("X-Request-Id", callId));
		if (refusal.bearerError() != null || refusal.status() == 401) {
			StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(REALM).append('"');
			if (refusal.bearerError() != null) {
				challenge.append(", error=\"").append(refusal.bearerError()).append('"');
				challenge.append(", error_description=\"").append(detail.replace("\"", "'").replace("\\", "")).append('"');
			}
			if (refusal.scope() != null) {
				challenge.append(", scope=\"").append(refusal.scope()).append('"');
			}
			headers.add(Map.entry("WWW-Authenticate", challenge.toString()));
		}
		StringBuilder json = new StringBuilder(256).append("{\"type\":");
		string(json, ProblemTypes.of(refusal.type()).toString());
		json.append(",\"title\":");
		string(json, refusal.title());
		json.append(",\"status\":").append(refusal.status()).append(",\"detail\":");
		string(json, detail);
		if (refusal.bearerError() != null) {
			json.append(",\"error\":");
			string(json, refusal.bearerError());
		}
		json.append(",\"requestId\":");
		string(json, callId);
		json.append('}');
		return new Problem(refusal.status(), headers, json.toString().getBytes(StandardCharsets.UTF_8));
	}

	static void write(HttpServletResponse response, Problem problem) throws IOException {
		response.setStatus(problem.status());
		for (var header : problem.headers()) {
			response.setHeader(header.getKey(), header.getValue());
		}
		response.setContentLength(problem.body().length);
		response.getOutputStream().write(problem.body());
	}

	private static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

	/**
	 * One way the gateway refuses a call.
	 *
	 * @param reason the access log's {@code rejection}
	 * @param bearerError the RFC 6750 error code, if a token problem
	 * @param scope the scopes to name in the challenge (insufficient_scope)
	 */
	record Refusal(int status, String reason, String type, String title, String bearerError, String scope) {

		static final Refusal NO_TOKEN = new Refusal(401, "no_token", "authentication-required", "Authentication required",
				null, null);

		static final Refusal MALFORMED_AUTHORIZATION = new Refusal(400, "invalid_request", "invalid-request",
				"Invalid request", "invalid_request", null);

		static final Refusal INVALID_TOKEN = new Refusal(401, "invalid_token", "invalid-token", "Invalid access token",
				"invalid_token", null);

		static final Refusal REVOKED = new Refusal(401, "revoked", "invalid-token", "Invalid access token",
				"invalid_token", null);

		static final Refusal TOKEN_IN_QUERY = new Refusal(400, "token_in_query", "token-in-query",
				"Access token in the URL", "invalid_request", null);

		static final Refusal NO_ROUTE = new Refusal(404, "no_route", "not-found", "Not found", null, null);

		static final Refusal METHOD = new Refusal(405, "method_not_allowed", "method-not-allowed",
				"Method not allowed", null, null);

		static final Refusal BAD_PATH = new Refusal(400, "bad_path", "invalid-parameter", "Invalid parameter", null, null);

		static final Refusal INSTALLATION_REQUIRED = new Refusal(403, "installation_required", "installation-required",
				"Installation required", "insufficient_scope", null);

		static final Refusal RATE_LIMITED = new Refusal(429, "rate_limited", "rate-limited", "Rate limit reached", null,
				null);

		static final Refusal TOO_LARGE = new Refusal(413, "too_large", "payload-too-large", "Request body too large",
				null, null);

		static final Refusal SENSITIVE_DATA = new Refusal(422, "sensitive_data", "sensitive-data-blocked",
				"Sensitive data refused", null, null);

		static final Refusal UPSTREAM_DOWN = new Refusal(502, "upstream_unavailable", "upstream-unavailable",
				"Platform API unavailable", null, null);

		static final Refusal UPSTREAM_TIMEOUT = new Refusal(504, "upstream_timeout", "upstream-timeout",
				"Platform API timed out", null, null);

		static final Refusal DISABLED = new Refusal(404, "gateway_disabled", "not-found", "Not found", null, null);

		/** The dedicated listener: a path outside the platform API's prefix. */
		static final Refusal NOT_PLATFORM = new Refusal(404, "not_platform", "not-found", "Not found", null, null);

		/** The dedicated listener: bytes that are not an HTTP/1.1 request. */
		static final Refusal UNREADABLE = new Refusal(400, "unreadable", "invalid-request", "Invalid request", null, null);

		/** The dedicated listener: a request line or header block over its limit. */
		static final Refusal HEADERS_TOO_LARGE = new Refusal(431, "headers_too_large", "invalid-request",
				"Request headers too large", null, null);

		static Refusal insufficientScope(String scopes) {
			return new Refusal(403, "insufficient_scope", "insufficient-scope", "Insufficient scope",
					"insufficient_scope", scopes);
		}

	}

}
