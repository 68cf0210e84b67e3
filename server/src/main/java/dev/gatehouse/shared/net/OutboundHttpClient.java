package dev.gatehouse.shared.net;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import dev.gatehouse.shared.net.CheckingDnsResolver.RefusedAddressException;
import dev.gatehouse.shared.net.OutboundRequestRefused.Reason;

/**
 * The one way Gatehouse code calls a URL that someone outside gave it (publisher domains, privacy
 * policy links, webhook endpoints). It refuses anything that could reach Gatehouse's own network:
 *
 * <ul>
 * <li>https only, unless the request says {@link OutboundRequest#allowingHttp()}; no user info; ports
 * 80 and 443 plus {@code gatehouse.outbound.allowed-ports}; IPv4 only in the canonical dotted form;</li>
 * <li>the host is resolved once, every address must be public unicast (see {@link AddressPolicy}) or
 * allowlisted, and the connection goes to one of exactly those addresses (see
 * {@link CheckingDnsResolver}); no proxy is ever used;</li>
 * <li>connect, read and overall timeouts; the body is read up to the cap and then cut (the response
 * says {@code truncated}), or refused if the request asked for that; no content decoding, so a
 * compressed body cannot grow past the cap;</li>
 * <li>redirects are not followed unless the request asks, and then each hop is checked as above and
 * may not go from https to http.</li>
 * </ul>
 *
 * Refusals throw {@link OutboundRequestRefused}; network failures {@link OutboundRequestFailed}.
 * Every call is timed as {@code gatehouse.outbound.requests} tagged with outcome and reason.
 */
public final class OutboundHttpClient implements AutoCloseable {

	/** Metric name for every call, tagged {@code outcome} (ok, refused, failed) and {@code reason}. */
	public static final String METRIC = "gatehouse.outbound.requests";

	private final CloseableHttpClient http;

	private final ScheduledThreadPoolExecutor watchdog;

	private final MeterRegistry meters;

	private final Duration overallTimeout;

	private final int maxResponseBytes;

	private final Set<Integer> allowedPorts;

	private final String userAgent;

	public OutboundHttpClient(OutboundProperties properties, MeterRegistry meters) {
		this(properties, meters, SystemDefaultDnsResolver.INSTANCE);
	}

	/** For tests: a fake DNS. */
	OutboundHttpClient(OutboundProperties properties, MeterRegistry meters, DnsResolver dns) {
		var policy = new AddressPolicy(properties.allowedHosts(), properties.allowedNetworks());
		this.meters = meters;
		this.overallTimeout = properties.overallTimeout();
		this.maxResponseBytes = (int) properties.maxResponseSize().toBytes();
		this.allowedPorts = Set.copyOf(new HashSet<>(properties.allowedPorts()));
		this.userAgent = defaultUserAgent();
		Timeout connect = Timeout.of(properties.connectTimeout());
		Timeout read = Timeout.of(properties.readTimeout());
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDnsResolver(new CheckingDnsResolver(policy, dns))
			.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
			.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
			.setMaxConnTotal(50)
			.setMaxConnPerRoute(5)
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(connections)
			.setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)) // never a proxy
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(connect)
				.setResponseTimeout(read)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.setUserAgent(this.userAgent)
			.build();
		this.watchdog = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "outbound-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		this.watchdog.setRemoveOnCancelPolicy(true);
	}

	/** {@code Gatehouse/<version> (+policy checks)}, sent with every request. */
	public String userAgent() {
		return this.userAgent;
	}

	/** The version comes from the jar manifest; "dev" when running from classes. */
	private static String defaultUserAgent() {
		String version = OutboundHttpClient.class.getPackage().getImplementationVersion();
		return "Gatehouse/" + ((version != null) ? version : "dev") + " (+policy checks)";
	}

	/**
	 * Sends the request.
	 * @throws OutboundRequestRefused when a rule forbids the request or its response
	 * @throws OutboundRequestFailed when the network fails
	 */
	public OutboundResponse execute(OutboundRequest request) {
		long start = System.nanoTime();
		try {
			OutboundResponse response = follow(request, start);
			record(start, "ok", "none");
			return response;
		}
		catch (OutboundRequestRefused ex) {
			record(start, "refused", ex.reason().name().toLowerCase(Locale.ROOT));
			throw ex;
		}
		catch (OutboundRequestFailed ex) {
			record(start, "failed", "network");
			throw ex;
		}
	}

	private OutboundResponse follow(OutboundRequest request, long start) {
		long deadline = start + overallTimeout.toNanos();
		URI url = request.url();
		Map<String, String> headers = request.headers();
		boolean allowHttp = request.allowHttp();
		for (int redirects = 0;; redirects++) {
			URI checked = OutboundUrls.check(url, allowHttp, allowedPorts);
			Hop hop = send(request.method(), checked, headers, request.body(), deadline,
					request.refuseOversizedResponse());
			var response = new OutboundResponse(hop.status(), hop.headers(), hop.body(), hop.truncated(), checked,
					Duration.ofNanos(System.nanoTime() - start));
			if (request.maxRedirects() == 0 || !response.isRedirect()) {
				return response;
			}
			if (redirects == request.maxRedirects()) {
				throw new OutboundRequestRefused(Reason.TOO_MANY_REDIRECTS,
						"more than " + request.maxRedirects() + " redirects from " + OutboundUrls.describe(request.url()));
			}
			URI next = response.location()
				.orElseThrow(() -> new OutboundRequestRefused(Reason.INVALID_URL, "unreadable redirect location"));
			if (checked.getScheme().equalsIgnoreCase("https")) {
				allowHttp = false; // no downgrade
			}
			if (next.getHost() != null && next.isAbsolute()
					&& !OutboundUrls.origin(checked).equals(OutboundUrls.origin(next))) {
				headers = Map.of(); // the caller's headers were meant for the first origin only
			}
			url = next;
		}
	}

	private Hop send(String method, URI url, Map<String, String> headers, byte[] body, long deadline,
			boolean refuseOversized) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new OutboundRequestRefused(Reason.TIMEOUT, "overall timeout before " + OutboundUrls.describe(url));
		}
		var request = new HttpUriRequestBase(method, url);
		headers.forEach(request::addHeader);
		if (body != null) {
			request.setEntity(new ByteArrayEntity(body, null));
		}
		var timedOut = new AtomicBoolean();
		ScheduledFuture<?> alarm = watchdog.schedule(() -> {
			timedOut.set(true);
			request.cancel();
		}, remaining, TimeUnit.NANOSECONDS);
		ClassicHttpResponse response = null;
		boolean reusable = false;
		try {
			response = http.executeOpen(null, request, null);
			Hop hop = read(response, url, refuseOversized);
			reusable = !hop.truncated();
			return hop;
		}
		catch (IOException ex) {
			throw translate(ex, timedOut.get(), url);
		}
		finally {
			alarm.cancel(false);
			if (!reusable) {
				// Close the socket rather than let HttpClient drain the rest of a body we do not want.
				request.cancel();
			}
			closeQuietly(response);
		}
	}

	private Hop read(ClassicHttpResponse response, URI url, boolean refuseOversized) throws IOException {
		Map<String, String> kept = new HashMap<>();
		for (Header header : response.getHeaders()) {
			String name = header.getName().toLowerCase(Locale.ROOT);
			if (OutboundResponse.KEPT_HEADERS.contains(name)) {
				kept.putIfAbsent(name, header.getValue());
			}
		}
		HttpEntity entity = response.getEntity();
		if (entity == null) {
			return new Hop(response.getCode(), kept, new byte[0], false);
		}
		if (refuseOversized && entity.getContentLength() > maxResponseBytes) {
			throw tooLarge(url);
		}
		InputStream in = entity.getContent();
		byte[] bytes = in.readNBytes(maxResponseBytes);
		boolean truncated = bytes.length == maxResponseBytes && in.read() != -1;
		if (truncated && refuseOversized) {
			throw tooLarge(url);
		}
		return new Hop(response.getCode(), kept, bytes, truncated);
	}

	private OutboundRequestRefused tooLarge(URI url) {
		return new OutboundRequestRefused(Reason.TOO_LARGE,
				"response from " + OutboundUrls.describe(url) + " exceeds " + maxResponseBytes + " bytes");
	}

	private static RuntimeException translate(IOException ex, boolean timedOut, URI url) {
		String host = OutboundUrls.describe(url);
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedAddressException refused) {
				return new OutboundRequestRefused(refused.reason(), refused.getMessage());
			}
		}
		if (timedOut) {
			return new OutboundRequestRefused(Reason.TIMEOUT, "overall timeout calling " + host, ex);
		}
		if (ex instanceof SocketTimeoutException || ex instanceof ConnectTimeoutException
				|| (ex instanceof InterruptedIOException && ex.getCause() instanceof SocketTimeoutException)) {
			return new OutboundRequestRefused(Reason.TIMEOUT, "timeout calling " + host, ex);
		}
		return new OutboundRequestFailed("calling " + host + " failed: " + ex.getClass().getSimpleName(), ex);
	}

	private static void closeQuietly(ClassicHttpResponse response) {
		if (response == null) {
			return;
		}
		try {
			response.close();
		}
		catch (IOException | RuntimeException ex) {
			// the connection is already discarded; nothing to release
		}
	}

	private void record(long start, String outcome, String reason) {
		Timer.builder(METRIC)
			.description("Outbound HTTP calls to URLs from outside (domains, policy links, webhooks)")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(meters)
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	@Override
	public void close() {
		watchdog.shutdownNow();
		http.close(CloseMode.IMMEDIATE);
	}

	private record Hop(int status, Map<String, String> headers, byte[] body, boolean truncated) {
	}

}
