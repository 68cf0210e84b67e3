package dev.gatehouse.shared.net;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One outbound GET or POST. Immutable; the {@code with...}/{@code ...ing...} methods return copies.
 *
 * <pre>{@code
 * client.execute(OutboundRequest.get(policyUrl));
 * client.execute(OutboundRequest.get("http://" + domain + "/.well-known/gatehouse").allowingHttp().followingRedirects(3));
 * client.execute(OutboundRequest.postJson(webhookUrl, json).withHeader("Gatehouse-Signature", signature));
 * }</pre>
 *
 * @param method {@code GET} or {@code POST}
 * @param url the URL; checked when the request is executed, not here
 * @param headers extra request headers; framing, hop-by-hop and identity headers are refused
 * @param body the POST body, or {@code null}
 * @param allowHttp whether plain http is acceptable (default: https only)
 * @param maxRedirects how many redirects to follow, each re-checked (default 0: a redirect is
 * returned to the caller)
 * @param refuseOversizedResponse throw {@link OutboundRequestRefused.Reason#TOO_LARGE} instead of
 * returning a truncated body
 */
public record OutboundRequest(String method, URI url, Map<String, String> headers, byte[] body, boolean allowHttp,
		int maxRedirects, boolean refuseOversizedResponse) {

	/** A hard ceiling on {@link #followingRedirects(int)}. */
	public static final int REDIRECT_LIMIT = 10;

	private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");

	private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
			"connection", "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-authorization",
			"proxy-connection", "user-agent", "accept-encoding");

	public OutboundRequest {
		Objects.requireNonNull(url, "url");
		if (!"GET".equals(method) && !"POST".equals(method)) {
			throw new IllegalArgumentException("Only GET and POST are supported, not " + method);
		}
		if ("GET".equals(method) && body != null) {
			throw new IllegalArgumentException("GET has no body");
		}
		if (maxRedirects < 0 || maxRedirects > REDIRECT_LIMIT) {
			throw new IllegalArgumentException("maxRedirects must be between 0 and " + REDIRECT_LIMIT);
		}
		if (maxRedirects > 0 && !"GET".equals(method)) {
			throw new IllegalArgumentException("Only GET follows redirects; a POST's redirect goes back to the caller");
		}
		var copy = new LinkedHashMap<String, String>();
		headers.forEach((name, value) -> copy.put(checkHeaderName(name), checkHeaderValue(name, value)));
		headers = Collections.unmodifiableMap(copy);
		body = (body != null) ? body.clone() : null;
	}

	public static OutboundRequest get(URI url) {
		return new OutboundRequest("GET", url, Map.of(), null, false, 0, false);
	}

	/**
	 * A GET for a URL someone typed. A string that is not a URL at all is refused with
	 * {@link OutboundRequestRefused.Reason#INVALID_URL}, like any other unacceptable URL.
	 */
	public static OutboundRequest get(String url) {
		return get(OutboundUrls.parse(url));
	}

	public static OutboundRequest post(URI url, String contentType, byte[] body) {
		Objects.requireNonNull(body, "body");
		return new OutboundRequest("POST", url, Map.of("Content-Type", contentType), body, false, 0, false);
	}

	public static OutboundRequest postJson(URI url, String json) {
		return post(url, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	public OutboundRequest withHeader(String name, String value) {
		var copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new OutboundRequest(method, url, copy, body, allowHttp, maxRedirects, refuseOversizedResponse);
	}

	/** Accept plain http for this request (https stays allowed; a redirect never goes https to http). */
	public OutboundRequest allowingHttp() {
		return new OutboundRequest(method, url, headers, body, true, maxRedirects, refuseOversizedResponse);
	}

	/** Follow up to {@code max} redirects (GET only), checking every hop like the first request. */
	public OutboundRequest followingRedirects(int max) {
		return new OutboundRequest(method, url, headers, body, allowHttp, max, refuseOversizedResponse);
	}

	/** Refuse a response body over the cap instead of returning it truncated. */
	public OutboundRequest refusingOversizedResponse() {
		return new OutboundRequest(method, url, headers, body, allowHttp, maxRedirects, true);
	}

	@Override
	public byte[] body() {
		return (body != null) ? body.clone() : null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof OutboundRequest that && method.equals(that.method) && url.equals(that.url)
				&& headers.equals(that.headers) && Arrays.equals(body, that.body) && allowHttp == that.allowHttp
				&& maxRedirects == that.maxRedirects && refuseOversizedResponse == that.refuseOversizedResponse;
	}

	@Override
	public int hashCode() {
		return Objects.hash(method, url, headers, Arrays.hashCode(body), allowHttp, maxRedirects,
				refuseOversizedResponse);
	}

	@Override
	public String toString() {
		// Never the path, query or header values: they may carry secrets and signatures.
		return "OutboundRequest[" + method + " " + OutboundUrls.describe(url) + "]";
	}

	private static String checkHeaderName(String name) {
		if (name == null || !TOKEN.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a header name: " + name);
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (RESERVED_HEADERS.contains(lower) || lower.startsWith("proxy-")) {
			throw new IllegalArgumentException("Header " + name + " is set by the client, not the caller");
		}
		return name;
	}

	private static String checkHeaderValue(String name, String value) {
		Objects.requireNonNull(value, name);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
				throw new IllegalArgumentException("Header " + name + " has a character not allowed in a header value");
			}
		}
		return value;
	}

}
