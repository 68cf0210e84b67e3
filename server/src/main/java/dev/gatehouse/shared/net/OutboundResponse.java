package dev.gatehouse.shared.net;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What came back. Redirects are returned like any other response unless the request asked to
 * follow them; {@link #location()} then says where to.
 *
 * @param status the HTTP status code
 * @param headers a few response headers, names in lower case: see {@link #KEPT_HEADERS}
 * @param body the body, at most {@code gatehouse.outbound.max-response-size} bytes
 * @param truncated whether the body was cut at the cap
 * @param finalUrl the URL that answered (after any followed redirects)
 * @param elapsed time for the whole call
 */
public record OutboundResponse(int status, Map<String, String> headers, byte[] body, boolean truncated, URI finalUrl,
		Duration elapsed) {

	/** The response headers kept; everything else is dropped. */
	public static final Set<String> KEPT_HEADERS = Set.of("content-type", "content-length", "location", "retry-after",
			"etag", "last-modified", "cache-control", "content-language");

	private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

	public OutboundResponse {
		headers = Map.copyOf(headers);
		body = body.clone();
	}

	@Override
	public byte[] body() {
		return body.clone();
	}

	/** The body decoded with the charset of the Content-Type, UTF-8 when there is none or it is unknown. */
	public String bodyAsString() {
		return new String(body, charset());
	}

	public Optional<String> header(String name) {
		return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
	}

	public boolean isSuccessful() {
		return status >= 200 && status < 300;
	}

	public boolean isRedirect() {
		return REDIRECT_STATUSES.contains(status) && headers.containsKey("location");
	}

	/** The Location header resolved against {@link #finalUrl()}; empty when absent or unreadable. */
	public Optional<URI> location() {
		return header("location").flatMap((value) -> {
			try {
				return Optional.of(finalUrl.resolve(value.strip()));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		});
	}

	private Charset charset() {
		String contentType = headers.get("content-type");
		if (contentType != null) {
			for (String parameter : contentType.split(";")) {
				String[] pair = parameter.strip().split("=", 2);
				if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
					try {
						return Charset.forName(pair[1].strip().replace("\"", ""));
					}
					catch (IllegalArgumentException ex) {
						return StandardCharsets.UTF_8;
					}
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof OutboundResponse that && status == that.status && headers.equals(that.headers)
				&& Arrays.equals(body, that.body) && truncated == that.truncated && finalUrl.equals(that.finalUrl)
				&& elapsed.equals(that.elapsed);
	}

	@Override
	public int hashCode() {
		return Objects.hash(status, headers, Arrays.hashCode(body), truncated, finalUrl, elapsed);
	}

	@Override
	public String toString() {
		return "OutboundResponse[" + status + " from " + OutboundUrls.describe(finalUrl) + ", " + body.length
				+ " bytes" + (truncated ? " (truncated)" : "") + ", " + elapsed.toMillis() + " ms]";
	}

}
