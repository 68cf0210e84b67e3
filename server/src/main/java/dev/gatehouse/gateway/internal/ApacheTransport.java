package dev.gatehouse.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 (classic, blocking: the gateway runs on request threads) with a connection
 * pool per upstream; nothing added or changed on the way (no decompression, redirects, retries,
 * cookies or default headers).
 */
final class ApacheTransport implements UpstreamTransport {

	private final PoolingHttpClientConnectionManager pool;

	private final CloseableHttpClient client;

	private final Map<URI, HttpHost> hosts = new ConcurrentHashMap<>();

	ApacheTransport(Duration connectTimeout, Duration responseTimeout, int maxPerUpstream) {
		this.pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnPerRoute(maxPerUpstream)
			.setMaxConnTotal(maxPerUpstream * 8)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				.setSocketTimeout(Timeout.of(responseTimeout))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.setTimeToLive(TimeValue.ofMinutes(5))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.of(connectTimeout))
				.setResponseTimeout(Timeout.of(responseTimeout))
				.setRedirectsEnabled(false)
				.build())
			.disableContentCompression()
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableDefaultUserAgent()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
	}

	@Override
	public Response exchange(Request request) throws IOException {
		HttpHost host = hosts.computeIfAbsent(request.upstream(), HttpHost::create);
		// Built directly on the host and path: parsing a URI per call showed in the profile.
		var upstreamRequest = new BasicClassicHttpRequest(request.method(), host, request.target());
		for (Map.Entry<String, String> header : request.headers()) {
			upstreamRequest.addHeader(header.getKey(), header.getValue());
		}
		if (request.body() != null) {
			upstreamRequest.setEntity(new ByteArrayEntity(request.body(), null));
		}
		ClassicHttpResponse response;
		try {
			response = client.executeOpen(host, upstreamRequest, null);
		}
		catch (SocketTimeoutException ex) {
			throw new TimeoutException("upstream timed out", ex);
		}
		return new ApacheResponse(response);
	}

	@Override
	public void close() {
		client.close(CloseMode.GRACEFUL);
		pool.close(CloseMode.GRACEFUL);
	}

	private record ApacheResponse(ClassicHttpResponse response) implements Response {

		@Override
		public int status() {
			return response.getCode();
		}

		@Override
		public List<Map.Entry<String, String>> headers() {
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			for (Header header : response.getHeaders()) {
				headers.add(Map.entry(header.getName(), header.getValue()));
			}
			return headers;
		}

		@Override
		public InputStream body() throws IOException {
			return response.getEntity() == null ? null : response.getEntity().getContent();
		}

		@Override
		public void close() throws IOException {
			response.close();
		}

	}


}
