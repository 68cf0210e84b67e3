package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.gatehouse.accesslog.CallQuery;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every case of {@link GatewaySystemTests} again, over the dedicated listener (Netty) instead of
 * Gatehouse's own port, plus what only the listener does itself: its own 404 outside the prefix,
 * 413 before reading a body past the limit, answering pipelined calls in order.
 */
class GatewayListenerSystemTests extends GatewaySystemTests {

	@Value("${local.gatehouse.gateway.port}")
	int listenerPort;

	@Override
	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + listenerPort + path);
	}

	@Test
	void listenerWhenPathOutsidePrefixThen404ProblemAndNothingElseOfGatehouse() throws Exception {
		var response = http.send(java.net.http.HttpRequest.newBuilder(uri("/login")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("only serves the platform API");
	}

	@Test
	void listenerWhenBodyLargerThanLimitThen413BeforeReadingIt() throws Exception {
		try (var socket = socket()) {
			write(socket.getOutputStream(), "POST /platform/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
			String answer = read(socket.getInputStream());

			assertThat(answer).startsWith("HTTP/1.1 413");
			assertThat(answer).contains("application/problem+json").contains("payload-too-large");
		}
		assertThat(meters.get("gatehouse.gateway.calls").tag("route", "none").tag("outcome", "too_large").timer().count())
			.isPositive();
	}

	@Test
	void listenerWhenConnectionOpenThenGaugeCountsIt() throws Exception {
		var connections = meters.get("gatehouse.gateway.listener.connections").gauge();
		try (var socket = socket()) {
			write(socket.getOutputStream(), "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			socket.getInputStream().read(); // answered: the connection is open and counted

			assertThat(connections.value()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void listenerWhenCallWaitsOnUpstreamThenCountedInFlightUntilAnswered() throws Exception {
		var release = new java.util.concurrent.CountDownLatch(1);
		var slow = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		slow.createContext("/v1/slow", exchange -> {
			try {
				release.await(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		slow.start();
		String id = "gwtest.slow." + slow.getAddress().getPort();
		var inFlight = meters.get("gatehouse.gateway.listener.calls.in.flight").gauge();
		try {
			routes.save(new Route(id, "GET", "/v1/slow", URI.create("http://127.0.0.1:" + slow.getAddress().getPort()),
					List.of(GatewayTestRoutes.HELD_SCOPE), List.of("contact"), false, List.of(), true, Route.Source.OPERATOR), "test");
			String token = installedToken();

			var pending = http.sendAsync(java.net.http.HttpRequest.newBuilder(uri("/platform/v1/slow"))
				.header("Authorization", "Bearer " + token)
				.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
			assertThat(waitFor(() -> inFlight.value() >= 1)).as("counted while the upstream holds it").isTrue();
			release.countDown();

			assertThat(pending.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(204);
			assertThat(waitFor(() -> inFlight.value() == 0)).as("no longer counted once answered").isTrue();
		}
		finally {
			release.countDown();
			slow.stop(0);
			routes.remove(id, "test");
		}
	}

	private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	@Test
	void listenerWhenCallsPipelinedThenAnsweredInOrder() throws Exception {
		String token = "not-a-token";
		try (var socket = socket()) {
			// Three calls in one write: no token, a bad token, a path outside the prefix.
			write(socket.getOutputStream(), "GET /platform/v1/patients/a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
					+ "GET /platform/v1/patients/b HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n"
					+ "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
			String answers = read(socket.getInputStream());

			int first = answers.indexOf("HTTP/1.1 401");
			int second = answers.indexOf("HTTP/1.1 401", first + 1);
			int third = answers.indexOf("HTTP/1.1 404");
			assertThat(first).isGreaterThanOrEqualTo(0);
			assertThat(second).isGreaterThan(first);
			assertThat(third).isGreaterThan(second);
			assertThat(answers.substring(second, third)).contains("invalid_token");
		}
	}

	@Test
	void listenerWhenRequestLineGarbledThen400AndClosed() throws Exception {
		try (var socket = socket()) {
			write(socket.getOutputStream(), "NOT HTTP AT ALL\r\n\r\n");

			assertThat(read(socket.getInputStream())).startsWith("HTTP/1.1 400");
		}
	}

	@Test
	void listenerWhenUpstreamStreamsLargeChunkedAnswerThenAppGetsEveryByteAndLogCountsThem() throws Exception {
		byte[] payload = new byte[3 * 1024 * 1024 + 17];
		new java.util.Random().nextBytes(payload);
		String subject = "pat_" + java.util.UUID.randomUUID().toString().substring(0, 8);
		var bulk = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		bulk.createContext("/v1/bulk", exchange -> {
			exchange.getResponseHeaders().add("X-Data-Subjects", subject);
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, 0); // chunked
			try (var out = exchange.getResponseBody()) {
				for (int i = 0; i < payload.length; i += 64 * 1024) {
					out.write(payload, i, Math.min(64 * 1024, payload.length - i));
				}
			}
		});
		bulk.start();
		try {
			routes.save(new Route("gwtest.bulk." + bulk.getAddress().getPort(), "GET", "/v1/bulk",
					URI.create("http://127.0.0.1:" + bulk.getAddress().getPort()), List.of(GatewayTestRoutes.HELD_SCOPE),
					List.of("contact"), true, List.of(), true, Route.Source.OPERATOR), "test");
			var from = java.time.Instant.now().minusSeconds(5);

			var response = http.send(java.net.http.HttpRequest.newBuilder(uri("/platform/v1/bulk"))
				.header("Authorization", "Bearer " + installedToken())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(payload);
			assertThat(response.headers().firstValue("X-Data-Subjects")).isEmpty();
			String callId = response.headers().firstValue("X-Request-Id").orElseThrow();
			// The call is logged once its last byte is written, which may be just after the app has read it.
			var found = new java.util.concurrent.atomic.AtomicReference<dev.gatehouse.accesslog.ApiCall>();
			waitFor(() -> {
				accessLog.flush();
				accessLog.calls(CallQuery.between(from, java.time.Instant.now().plusSeconds(5), 100).app(fixture.app().id().value()))
					.stream()
					.filter(c -> c.id().toString().equals(callId))
					.findFirst()
					.ifPresent(found::set);
				return found.get() != null;
			});
			var logged = java.util.Optional.ofNullable(found.get()).orElseThrow();
			assertThat(logged.responseBytes()).isEqualTo(payload.length);
			assertThat(logged.subjectIds()).containsExactly(subject);
		}
		finally {
			bulk.stop(0);
			routes.remove("gwtest.bulk." + bulk.getAddress().getPort(), "test");
		}
	}

	@Test
	void listenerWhenPooledUpstreamConnectionClosesAsCallGoesOutThenGetRetriedOnceOnNewConnection() throws Exception {
		// An upstream that answers the first request on each connection (keep-alive) and closes the
		// connection when a second one arrives, without answering: the race of an idle timeout.
		try (var upstream = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			var served = new java.util.concurrent.atomic.AtomicInteger();
			Thread.ofVirtual().start(() -> {
				while (!upstream.isClosed()) {
					try {
						Socket connection = upstream.accept();
						Thread.ofVirtual().start(() -> answerOnceThenClose(connection, served));
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			String id = "gwtest.flaky." + upstream.getLocalPort();
			routes.save(new Route(id, "GET", "/v1/flaky", URI.create("http://127.0.0.1:" + upstream.getLocalPort()),
					List.of(GatewayTestRoutes.HELD_SCOPE), List.of("contact"), false, List.of(), true, Route.Source.OPERATOR), "test");
			try {
				String token = installedToken();

				var first = call("GET", "/platform/v1/flaky", token, null);
				var second = call("GET", "/platform/v1/flaky", token, null);

				assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
				assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
				assertThat(served.get()).isEqualTo(2);
			}
			finally {
				routes.remove(id, "test");
			}
		}
	}

	@Test
	void listenerWhenHttp10ClientAndUpstreamStreamsThenBodyEndsWithTheConnectionNotInChunks() throws Exception {
		String payload = "streamed-" + java.util.UUID.randomUUID();
		var chunked = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		chunked.createContext("/v1/chunked", exchange -> {
			exchange.sendResponseHeaders(200, 0); // chunked
			try (var out = exchange.getResponseBody()) {
				out.write(payload.getBytes(StandardCharsets.UTF_8));
			}
		});
		chunked.start();
		String id = "gwtest.chunked." + chunked.getAddress().getPort();
		try {
			routes.save(new Route(id, "GET", "/v1/chunked", URI.create("http://127.0.0.1:" + chunked.getAddress().getPort()),
					List.of(GatewayTestRoutes.HELD_SCOPE), List.of("contact"), false, List.of(), true, Route.Source.OPERATOR), "test");
			String token = installedToken();
			try (var socket = socket()) {
				write(socket.getOutputStream(), "GET /platform/v1/chunked HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
						+ token + "\r\n\r\n");
				String answer = read(socket.getInputStream());

				assertThat(answer).startsWith("HTTP/1.1 200");
				assertThat(answer.toLowerCase(java.util.Locale.ROOT)).doesNotContain("transfer-encoding");
				assertThat(answer).endsWith("\r\n\r\n" + payload);
			}
		}
		finally {
			chunked.stop(0);
			routes.remove(id, "test");
		}
	}

	private static void answerOnceThenClose(Socket connection, java.util.concurrent.atomic.AtomicInteger served) {
		try (connection) {
			var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
			String line;
			while ((line = in.readLine()) != null && !line.isEmpty()) {
				// the first request's headers
			}
			served.incrementAndGet();
			write(connection.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
			in.readLine(); // the second request's line: close without answering
		}
		catch (IOException ex) {
			// the test's assertions tell
		}
	}

	private Socket socket() throws IOException {
		var socket = new Socket("127.0.0.1", listenerPort);
		socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
		return socket;
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/** Everything until the listener closes the connection. */
	private static String read(InputStream in) throws IOException {
		var bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

}
