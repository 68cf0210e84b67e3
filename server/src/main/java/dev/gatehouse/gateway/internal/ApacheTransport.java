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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
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

	private final RequestConfig requestConfig;

	private final ScheduledExecutorService evictor;

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
		// The minimal client: connection pool, keep-alive and the request line, nothing else. The full
		// client's protocol stage (authentication state, path prefixes, route planning) was a quarter
		// of its CPU per call in the gateway benchmark, for features a proxy must not use anyway
		// (no redirects, retries, cookies, authentication or decompression happen here). Like the JDK
		// client, it names itself in User-Agent when the app sent none.
		this.client = HttpClients.createMinimal(pool);
		this.requestConfig = RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(connectTimeout))
			.setResponseTimeout(Timeout.of(responseTimeout))
			.setRedirectsEnabled(false)
			.build();
		// The minimal client has no idle-connection evictor of its own: close connections idle for
		// 30 s (or past their time to live) so sockets the upstream closed do not linger.
		this.evictor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-pool-evictor").daemon().factory());
		this.evictor.scheduleWithFixedDelay(() -> {
			pool.closeExpired();
			pool.closeIdle(TimeValue.ofSeconds(30));
		}, 10, 10, TimeUnit.SECONDS);
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
			HttpClientContext context = HttpClientContext.create();
			context.setRequestConfig(requestConfig);
			response = client.executeOpen(host, upstreamRequest, context);
		}
		catch (SocketTimeoutException ex) {
			throw new TimeoutException("upstream timed out", ex);
		}
		return new ApacheResponse(response);
	}

	@Override
	public void close() {
		evictor.shutdownNow();
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
