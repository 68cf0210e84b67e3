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

	/** A request to forward; {@code body} is null when there is none. */
	record Request(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
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
