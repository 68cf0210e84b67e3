package dev.gatehouse.gateway.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The HTTP client the gateway forwards with. Two implementations, chosen by measurement (bench/). */
interface UpstreamTransport extends AutoCloseable {

	Response exchange(Request request) throws IOException;

	@Override
	void close();

	/**
	 * A request to forward: to the route's {@code upstream} base URL, at {@code pathAndQuery} (the
	 * call's path after the gateway prefix, with its query). {@code body} is null when there is none.
	 */
	record Request(String method, URI upstream, String pathAndQuery, List<Map.Entry<String, String>> headers,
			byte[] body) {

		/** The path on the upstream: its base path (without a trailing slash), then the call's. */
		String target() {
			String base = upstream.getRawPath();
			String path = base == null || base.isEmpty() || base.equals("/") ? pathAndQuery
					: (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
			return path.isEmpty() || path.charAt(0) == '?' ? "/" + path : path;
		}

		URI uri() {
			return URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + target());
		}

	}

	/** The upstream's answer; the body must be read or the response closed. */
	interface Response extends Closeable {

		int status();

		List<Map.Entry<String, String>> headers();

		/** Null when the response has no body. */
		InputStream body() throws IOException;

	}

	/** The upstream did not answer in time. */
	final class TimeoutException extends IOException {

		TimeoutException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
