package dev.gatehouse.developers.internal;

/** Fetches a publisher's well-known verification file through the SSRF-safe client. */
public interface DomainTokenFetcher {

	/** The body (capped), or {@code null} with the problem in words. */
	Outcome fetch(String url);

	record Outcome(String body, String problem) {
	}

}
