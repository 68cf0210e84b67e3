package dev.gatehouse.support;

import com.sun.net.httpserver.HttpServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's webhook endpoint on the test domain server: {@code /hooks/<key>} records what arrives and
 * answers with the statuses a test scripted for that key (200 once the script is used up). Keys made
 * {@link #slow slow} answer after a delay, and the most requests to them at once is kept.
 */
public final class WebhookReceiver {

	private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

	private final Map<String, Duration> delays = new ConcurrentHashMap<>();

	private final AtomicInteger slowInFlight = new AtomicInteger();

	private final AtomicInteger slowMostAtOnce = new AtomicInteger();

	static WebhookReceiver mount(HttpServer server) {
		var receiver = new WebhookReceiver();
		server.createContext("/hooks/", exchange -> {
			String key = exchange.getRequestURI().getPath().substring("/hooks/".length());
			var headers = exchange.getRequestHeaders();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			receiver.received.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
				.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
						headers.getFirst("webhook-signature"), body));
			Duration delay = receiver.delays.get(key);
			if (delay != null) {
				receiver.slowMostAtOnce.accumulateAndGet(receiver.slowInFlight.incrementAndGet(), Math::max);
				try {
					Thread.sleep(delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					receiver.slowInFlight.decrementAndGet();
				}
			}
			Answer answer;
			synchronized (receiver) {
				Deque<Answer> script = receiver.scripts.get(key);
				answer = script == null || script.isEmpty() ? new Answer(200, Map.of()) : script.poll();
			}
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] reply = ("{\"status\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), reply.length);
			exchange.getResponseBody().write(reply);
			exchange.close();
		});
		return receiver;
	}

	/** The next answers for {@code key}, in order. */
	public synchronized void script(String key, Answer... answers) {
		scripts.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(answers));
	}

	/** Requests to these keys are answered after {@code delay}; the count of them at once starts again. */
	public void slow(Duration delay, List<String> keys) {
		keys.forEach(key -> delays.put(key, delay));
		slowMostAtOnce.set(0);
	}

	/** The most requests to slow keys that were being answered at one time. */
	public int slowMostAtOnce() {
		return slowMostAtOnce.get();
	}

	/** Requests to slow keys being answered now. */
	public int slowInFlight() {
		return slowInFlight.get();
	}

	public List<Received> received(String key) {
		return List.copyOf(received.getOrDefault(key, List.of()));
	}

	public record Answer(int status, Map<String, String> headers) {

		public static Answer of(int status) {
			return new Answer(status, Map.of());
		}

	}

	public record Received(String id, String timestamp, String signature, String body) {
	}

}
