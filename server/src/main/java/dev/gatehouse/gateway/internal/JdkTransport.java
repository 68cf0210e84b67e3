package dev.gatehouse.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JDK's HTTP client, HTTP/1.1, no redirects. */
final class JdkTransport implements UpstreamTransport {

	private final HttpClient client;

	private final Duration responseTimeout;

	JdkTransport(Duration connectTimeout, Duration responseTimeout) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.responseTimeout = responseTimeout;
	}

	@Override
	public Response exchange(Request request) throws IOException {
		var builder = HttpRequest.newBuilder(request.uri())
			.timeout(responseTimeout)
			.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(request.body()));
		for (Map.Entry<String, String> header : request.headers()) {
			builder.header(header.getKey(), header.getValue());
		}
		try {
			return new JdkResponse(client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (HttpTimeoutException ex) {
			throw new TimeoutException("upstream timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		client.close();
	}

	private record JdkResponse(HttpResponse<InputStream> response) implements Response {

		@Override
		public int status() {
			return response.statusCode();
		}

		@Override
		public List<Map.Entry<String, String>> headers() {
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			response.headers().map().forEach((name, values) -> {
				if (!name.startsWith(":")) {
					values.forEach(value -> headers.add(Map.entry(name, value)));
				}
			});
			return headers;
		}

		@Override
		public InputStream body() {
			return response.body();
		}

		@Override
		public void close() throws IOException {
			response.body().close();
		}

	}

}
