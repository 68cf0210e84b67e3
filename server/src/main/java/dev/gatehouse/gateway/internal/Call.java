package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One call through the gateway, whichever listener took it: what the access log learns as it goes. */
final class Call {

	final UUID id;

	final String idText;

	final Instant at;

	final long startNanos;

	final String method;

	/** The path as received, with the gateway's prefix. */
	final String path;

	final String address;

	VerifiedToken token;

	Route route;

	RouteTable.Match match;

	int status;

	String rejection;

	long requestBytes;

	long responseBytes;

	List<String> subjects = List.of();

	/** Headers the gateway adds to its answer, refused or not (the rate limit's). */
	List<Map.Entry<String, String>> answerHeaders = List.of();

	Call(UUID id, Instant at, long startNanos, String method, String path, String address) {
		this.id = id;
		this.idText = id.toString();
		this.at = at;
		this.startNanos = startNanos;
		this.method = method;
		this.path = path;
		this.address = address;
	}

	void answerHeader(String name, String value) {
		if (answerHeaders.isEmpty()) {
			answerHeaders = new ArrayList<>(3);
		}
		answerHeaders.add(Map.entry(name, value));
	}

	boolean isWrite() {
		return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
	}

	/**
	 * A random (version 4) UUID from the thread's fast generator: a call id names a call, it guards
	 * nothing, and {@link UUID#randomUUID()} draws from SecureRandom on every call.
	 */
	static UUID newId() {
		var random = java.util.concurrent.ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

}
