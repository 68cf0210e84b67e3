package dev.gatehouse.gateway.internal;

import java.util.function.BiConsumer;

/** A received request as the gateway's checks read it, from either listener. */
interface Inbound {

	/** The first value of a header, or null. */
	String header(String name);

	/** How many values the request has for a header. */
	int headerCount(String name);

	/** Every header, in the order received. */
	void forEachHeader(BiConsumer<String, String> action);

	/** The raw query string, or null. */
	String query();

	/** {@code http} or {@code https}, as the app called. */
	String scheme();

	/** The issuer the call's token must name. */
	String expectedIssuer();

}
