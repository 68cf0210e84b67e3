package dev.gatehouse.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import dev.gatehouse.shared.net.OutboundRequestRefused.Reason;

class OutboundHttpClientTests {

	private static final String METADATA = "http://169.254.169.254/latest/meta-data/";

	private final List<OutboundHttpClient> clients = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicReference<Received> received = new AtomicReference<>();

	private HttpServer server;

	private int port;

	record Received(String method, String userAgent, String host, String contentType, String signature, String body) {
	}

	@BeforeEach
	void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/hello", (exchange) -> {
			var headers = exchange.getRequestHeaders();
			received.set(new Received(exchange.getRequestMethod(), headers.getFirst("User-Agent"),
					headers.getFirst("Host"), headers.getFirst("Content-Type"),
					headers.getFirst("Gatehouse-Signature"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
			exchange.getResponseHeaders().add("X-Internal-Secret", "s3cret");
			respond(exchange, 200, "hello");
		});
		server.createContext("/big", (exchange) -> respond(exchange, 200, "x".repeat(1024 * 1024)));
		server.createContext("/endless", (exchange) -> {
			exchange.sendResponseHeaders(200, 0); // chunked, never ends
			try (OutputStream out = exchange.getResponseBody()) {
				byte[] chunk = new byte[8192];
				while (release.getCount() > 0) {
					out.write(chunk);
				}
			}
			catch (IOException ex) {
				// the client hung up, as it should
			}
		});
		server.createContext("/silent", (exchange) -> {
			await();
			exchange.close();
		});
		server.createContext("/drip", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int i = 0; i < 100 && !release.await(100, TimeUnit.MILLISECONDS); i++) {
					out.write('x');
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// the client hung up, as it should
			}
		});
		server.createContext("/to-metadata", (exchange) -> redirect(exchange, METADATA));
		server.createContext("/to-hello", (exchange) -> redirect(exchange, "/hello"));
		server.createContext("/to-odd-port", (exchange) -> redirect(exchange, "http://127.0.0.1:6379/"));
		server.createContext("/loop", (exchange) -> redirect(exchange, "/loop"));
		server.start();
		port = server.getAddress().getPort();
	}

	@AfterEach
	void stopServer() {
		release.countDown();
		clients.forEach(OutboundHttpClient::close);
		server.stop(0);
	}

	private void await() {
		try {
			release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	// ---- fixtures ----

	private static OutboundProperties properties(List<String> hosts, List<String> networks, List<Integer> ports) {
		return new OutboundProperties(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2),
				DataSize.ofKilobytes(1), hosts, networks, ports);
	}

	/** The production defaults: nothing allowlisted. */
	private OutboundHttpClient strictClient() {
		return track(new OutboundHttpClient(OutboundProperties.defaults(), new SimpleMeterRegistry()));
	}

	/** Loopback allowlisted, the test server's port allowed, short timeouts, a 1 KiB cap. */
	private OutboundHttpClient loopbackClient() {
		return track(new OutboundHttpClient(properties(List.of(), List.of("127.0.0.0/8"), List.of(port)),
				new SimpleMeterRegistry()));
	}

	private OutboundHttpClient track(OutboundHttpClient client) {
		clients.add(client);
		return client;
	}

	private URI local(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static OutboundRequestRefused refusal(OutboundHttpClient client, OutboundRequest request) {
		return catchThrowableOfType(OutboundRequestRefused.class, () -> client.execute(request));
	}

	/** A fake DNS that answers from a map and counts lookups. */
	private static final class FakeDns implements DnsResolver {

		private final Map<String, List<String>> answers;

		private final AtomicInteger lookups = new AtomicInteger();

		FakeDns(Map<String, List<String>> answers) {
			this.answers = answers;
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			lookups.incrementAndGet();
			List<String> literals = answers.get(host);
			if (literals == null) {
				throw new UnknownHostException(host);
			}
			return literals.stream().map(InetAddress::ofLiteral).toArray(InetAddress[]::new);
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

	// ---- refusals that need no server ----

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://127.0.0.2/", "http://10.0.0.1/", "http://172.16.5.4/",
			"http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
			"http://169.254.170.2/v2/credentials", "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/",
			"http://[::1]/", "http://[::]/", "http://[fc00::1]/", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
			"http://[ff02::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
			"http://[::ffff:169.254.169.254]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/",
			"http://[::127.0.0.1]/", "http://localhost/", "http://LOCALHOST./", "https://localhost/" })
	void executeWhenHostIsOrResolvesToPrivateAddressThenRefused(String url) {
		var refused = refusal(strictClient(), OutboundRequest.get(url).allowingHttp());

		assertThat(refused).isNotNull();
		assertThat(refused.reason()).isEqualTo(Reason.PRIVATE_ADDRESS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://2130706433/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://0177.0.0.1/",
			"http://017700000001/", "http://127.1/", "http://127.0.1/", "http://0/", "http://0xa9fea9fe/",
			"http://2852039166/", "http://127.0.0.1./" })
	void executeWhenIpv4SpelledAmbiguouslyThenRefused(String url) {
		var refused = refusal(strictClient(), OutboundRequest.get(url).allowingHttp());

		assertThat(refused).isNotNull();
		assertThat(refused.reason()).isIn(Reason.INVALID_URL, Reason.PRIVATE_ADDRESS);
	}

	@Test
	void resolveWhenResolverAcceptsNumericSpellingOfLoopbackThenStillRefused() {
		// The second line of defence, should a spelling get past the URL check: the JDK resolves these to 127.0.0.1.
		var resolver = new CheckingDnsResolver(new AddressPolicy(List.of(), List.of()),
				org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE);
		for (String host : List.of("2130706433", "127.1", "0x7f.0.0.1", "localhost", "[::1]")) {
			assertThatExceptionOfType(CheckingDnsResolver.RefusedAddressException.class)
				.as(host)
				.isThrownBy(() -> resolver.resolve(host, 80))
				.satisfies((ex) -> assertThat(ex.reason()).isIn(Reason.PRIVATE_ADDRESS, Reason.UNRESOLVABLE));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://example.com/", "ftp://example.com/", "file:///etc/passwd", "gopher://example.com/",
			"dict://example.com:11211/", "ldap://example.com/", "HTTP://example.com/" })
	void executeWhenNotHttpsThenRefused(String url) {
		assertThat(refusal(strictClient(), OutboundRequest.get(url)).reason()).isEqualTo(Reason.SCHEME);
	}

	@Test
	void executeWhenFileSchemeEvenWithHttpAllowedThenRefused() {
		assertThat(refusal(strictClient(), OutboundRequest.get("file:///etc/passwd").allowingHttp()).reason())
			.isEqualTo(Reason.SCHEME);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://user:secret@example.com/", "https://user@example.com/",
			"https://example.com@169.254.169.254/", "https://@example.com/", "https://a%40b@example.com/" })
	void executeWhenUrlHasUserInfoThenRefused(String url) {
		assertThat(refusal(strictClient(), OutboundRequest.get(url)).reason()).isEqualTo(Reason.USERINFO);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com:8443/", "https://example.com:22/", "http://example.com:6379/",
			"https://example.com:0/", "https://example.com:65535/", "http://example.com:8080/" })
	void executeWhenPortIsNotAllowedThenRefused(String url) {
		assertThat(refusal(strictClient(), OutboundRequest.get(url).allowingHttp()).reason()).isEqualTo(Reason.PORT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/relative", "not a url", "https://", "https:///path", "mailto:a@example.com",
			"https://[fe80::1%25eth0]/", "https://exa mple.com/" })
	void executeWhenNotAnAbsoluteHttpUrlThenRefused(String url) {
		var client = strictClient();

		// get(String) refuses a string that is no URL at all straight away; the rest fail on execute
		var refused = catchThrowableOfType(OutboundRequestRefused.class,
				() -> client.execute(OutboundRequest.get(url)));

		assertThat(refused).isNotNull();
		assertThat(refused.reason()).isIn(Reason.INVALID_URL, Reason.SCHEME);
	}

	@Test
	void executeWhenHostDoesNotResolveThenRefusedAsUnresolvable() {
		var client = track(new OutboundHttpClient(OutboundProperties.defaults(), new SimpleMeterRegistry(),
				new FakeDns(Map.of())));

		assertThat(refusal(client, OutboundRequest.get("https://nowhere.example/")).reason())
			.isEqualTo(Reason.UNRESOLVABLE);
	}

	@Test
	void executeWhenAnyResolvedAddressIsPrivateThenRefused() {
		var dns = new FakeDns(Map.of("mixed.example", List.of("93.184.216.34", "10.0.0.1")));
		var client = track(new OutboundHttpClient(OutboundProperties.defaults(), new SimpleMeterRegistry(), dns));

		assertThat(refusal(client, OutboundRequest.get("https://mixed.example/")).reason())
			.isEqualTo(Reason.PRIVATE_ADDRESS);
	}

	@Test
	void executeWhenPrivateAddressRefusedThenMetricCountsRefusal() {
		var meters = new SimpleMeterRegistry();
		var client = track(new OutboundHttpClient(OutboundProperties.defaults(), meters));

		refusal(client, OutboundRequest.get(METADATA).allowingHttp());

		assertThat(meters.get(OutboundHttpClient.METRIC)
			.tag("outcome", "refused")
			.tag("reason", "private_address")
			.timer()
			.count()).isEqualTo(1);
	}

	// ---- against the local server ----

	@Test
	void executeWhenLoopbackNotAllowlistedThenRefusedEvenOnAllowedPort() {
		var client = track(new OutboundHttpClient(properties(List.of(), List.of(), List.of(port)),
				new SimpleMeterRegistry()));

		assertThat(refusal(client, OutboundRequest.get(local("/hello")).allowingHttp()).reason())
			.isEqualTo(Reason.PRIVATE_ADDRESS);
		assertThat(received.get()).isNull();
	}

	@Test
	void executeWhenNetworkAllowlistedThenGetSucceedsWithUserAgentAndHeaderSubset() {
		var client = loopbackClient();

		var response = client.execute(OutboundRequest.get(local("/hello")).allowingHttp());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.isSuccessful()).isTrue();
		assertThat(response.bodyAsString()).isEqualTo("hello");
		assertThat(response.truncated()).isFalse();
		assertThat(response.finalUrl()).isEqualTo(local("/hello"));
		assertThat(response.elapsed()).isPositive();
		assertThat(response.header("Content-Type")).contains("text/plain; charset=utf-8");
		assertThat(response.headers()).doesNotContainKey("x-internal-secret");
		assertThat(received.get().method()).isEqualTo("GET");
		assertThat(received.get().userAgent()).isEqualTo(client.userAgent())
			.matches("Gatehouse/\\S+ \\(\\+policy checks\\)");
	}

	@Test
	void executeWhenHostAllowlistedThenLocalhostReachable() {
		var client = track(new OutboundHttpClient(properties(List.of("localhost"), List.of(), List.of(port)),
				new SimpleMeterRegistry()));

		var response = client.execute(OutboundRequest.get("http://localhost:" + port + "/hello").allowingHttp());

		assertThat(response.bodyAsString()).isEqualTo("hello");
	}

	@Test
	void executeWhenHttpsRequiredThenAllowlistedHttpServerStillRefused() {
		assertThat(refusal(loopbackClient(), OutboundRequest.get(local("/hello"))).reason()).isEqualTo(Reason.SCHEME);
		assertThat(received.get()).isNull();
	}

	@Test
	void executeWhenPostThenBodyContentTypeAndSignatureHeaderSent() {
		var request = OutboundRequest.postJson(local("/hello"), "{\"event\":\"app.installed\"}")
			.withHeader("Gatehouse-Signature", "t=1,v1=abc")
			.allowingHttp();

		var response = loopbackClient().execute(request);

		assertThat(response.status()).isEqualTo(200);
		assertThat(received.get()).isEqualTo(new Received("POST", loopbackClient().userAgent(),
				"127.0.0.1:" + port, "application/json", "t=1,v1=abc", "{\"event\":\"app.installed\"}"));
	}

	@Test
	void executeWhenDnsAnswersThenConnectionGoesToTheCheckedAddressWithOriginalHostName() {
		var dns = new FakeDns(Map.of("hooks.example", List.of("127.0.0.1")));
		var client = track(new OutboundHttpClient(properties(List.of(), List.of("127.0.0.0/8"), List.of(port)),
				new SimpleMeterRegistry(), dns));

		var response = client.execute(OutboundRequest.get("http://hooks.example:" + port + "/hello").allowingHttp());

		assertThat(response.bodyAsString()).isEqualTo("hello");
		assertThat(received.get().host()).isEqualTo("hooks.example:" + port);
		assertThat(dns.lookups).hasValue(1);
	}

	@Test
	void withHeaderWhenReservedOrInjectedThenRejected() {
		var request = OutboundRequest.get(local("/hello"));
		for (String name : List.of("Host", "Content-Length", "Transfer-Encoding", "Connection", "User-Agent",
				"Proxy-Authorization", "Bad Name", "X:Y")) {
			assertThatIllegalArgumentException().as(name).isThrownBy(() -> request.withHeader(name, "v"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> request.withHeader("X-A", "v\r\nHost: evil"));
		assertThatIllegalArgumentException().isThrownBy(() -> request.withHeader("X-A", "v\nx"));
	}

	@Test
	void executeWhenBodyLargerThanCapThenTruncatedAtCap() {
		var response = loopbackClient().execute(OutboundRequest.get(local("/big")).allowingHttp());

		assertThat(response.truncated()).isTrue();
		assertThat(response.body()).hasSize(1024);
	}

	@Test
	void executeWhenBodyExactlyAtCapThenNotTruncated() {
		var client = track(new OutboundHttpClient(new OutboundProperties(null, null, null, DataSize.ofBytes(5),
				List.of(), List.of("127.0.0.0/8"), List.of(port)), new SimpleMeterRegistry()));

		var response = client.execute(OutboundRequest.get(local("/hello")).allowingHttp());

		assertThat(response.truncated()).isFalse();
		assertThat(response.bodyAsString()).isEqualTo("hello");
	}

	@Test
	void executeWhenBodyNeverEndsThenTruncatedWithoutDrainingIt() {
		long start = System.nanoTime();

		var response = loopbackClient().execute(OutboundRequest.get(local("/endless")).allowingHttp());

		assertThat(response.truncated()).isTrue();
		assertThat(response.body()).hasSize(1024);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void executeWhenBodyTooLargeAndRefusalRequestedThenRefused() {
		var client = loopbackClient();

		assertThat(refusal(client, OutboundRequest.get(local("/big")).allowingHttp().refusingOversizedResponse())
			.reason()).isEqualTo(Reason.TOO_LARGE);
		assertThat(refusal(client, OutboundRequest.get(local("/endless")).allowingHttp().refusingOversizedResponse())
			.reason()).isEqualTo(Reason.TOO_LARGE);
	}

	@Test
	void executeWhenServerNeverAnswersThenReadTimeout() {
		long start = System.nanoTime();

		var refused = refusal(loopbackClient(), OutboundRequest.get(local("/silent")).allowingHttp());

		assertThat(refused.reason()).isEqualTo(Reason.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
				Duration.ofMillis(1500));
	}

	@Test
	void executeWhenServerDripsBytesThenOverallTimeoutStopsIt() {
		// Each byte arrives well within the read timeout; only the overall timeout can end this.
		var client = track(new OutboundHttpClient(new OutboundProperties(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofMillis(700), DataSize.ofKilobytes(1), List.of(), List.of("127.0.0.0/8"), List.of(port)),
				new SimpleMeterRegistry()));
		long start = System.nanoTime();

		var refused = refusal(client, OutboundRequest.get(local("/drip")).allowingHttp());

		assertThat(refused.reason()).isEqualTo(Reason.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(600),
				Duration.ofMillis(1500));
	}

	@Test
	void executeWhenNothingListensThenNetworkFailureNotRefusal() throws IOException {
		int closedPort;
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		var client = track(new OutboundHttpClient(properties(List.of(), List.of("127.0.0.0/8"), List.of(closedPort)),
				new SimpleMeterRegistry()));

		assertThatExceptionOfType(OutboundRequestFailed.class).isThrownBy(() -> client
			.execute(OutboundRequest.get("http://127.0.0.1:" + closedPort + "/").allowingHttp()));
	}

	@Test
	void executeWhenRedirectedThenRedirectReturnedNotFollowed() {
		var response = loopbackClient().execute(OutboundRequest.get(local("/to-metadata")).allowingHttp());

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.isRedirect()).isTrue();
		assertThat(response.location()).contains(URI.create(METADATA));
		assertThat(response.finalUrl()).isEqualTo(local("/to-metadata"));
	}

	@Test
	void executeWhenFollowingRedirectToMetadataAddressThenRefused() {
		var request = OutboundRequest.get(local("/to-metadata")).allowingHttp().followingRedirects(3);

		assertThat(refusal(loopbackClient(), request).reason()).isEqualTo(Reason.PRIVATE_ADDRESS);
	}

	@Test
	void executeWhenFollowingRedirectToOddPortThenRefused() {
		var request = OutboundRequest.get(local("/to-odd-port")).allowingHttp().followingRedirects(3);

		assertThat(refusal(loopbackClient(), request).reason()).isEqualTo(Reason.PORT);
	}

	@Test
	void executeWhenFollowingAllowedRedirectThenFinalUrlIsTheLastHop() {
		var response = loopbackClient()
			.execute(OutboundRequest.get(local("/to-hello")).allowingHttp().followingRedirects(1));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.bodyAsString()).isEqualTo("hello");
		assertThat(response.finalUrl()).isEqualTo(local("/hello"));
	}

	@Test
	void executeWhenMoreRedirectsThanAllowedThenRefused() {
		var request = OutboundRequest.get(local("/loop")).allowingHttp().followingRedirects(2);

		assertThat(refusal(loopbackClient(), request).reason()).isEqualTo(Reason.TOO_MANY_REDIRECTS);
	}

	@Test
	void followingRedirectsWhenPostThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutboundRequest.postJson(local("/hello"), "{}").followingRedirects(1));
	}

}
