package dev.gatehouse.developers.internal;

import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.shared.net.OutboundRequest;
import dev.gatehouse.shared.net.OutboundRequestFailed;
import dev.gatehouse.shared.net.OutboundRequestRefused;

import org.springframework.stereotype.Component;

/**
 * Fetches through the SSRF-safe client: a domain that resolves to a private or loopback address is
 * refused unless an operator allowlisted it, and the body read is capped.
 */
@Component
class HttpDomainTokenFetcher implements DomainTokenFetcher {

	private final OutboundHttpClient client;

	HttpDomainTokenFetcher(OutboundHttpClient client) {
		this.client = client;
	}

	@Override
	public Outcome fetch(String url) {
		try {
			var request = OutboundRequest.get(url).followingRedirects(3);
			if (url.startsWith("http://")) {
				request = request.allowingHttp();
			}
			var response = client.execute(request);
			if (!response.isSuccessful()) {
				return new Outcome(null, "the server answered HTTP " + response.status());
			}
			return new Outcome(response.bodyAsString(), null);
		}
		catch (OutboundRequestRefused ex) {
			return new Outcome(null, "refused (" + ex.reason().name().toLowerCase().replace('_', ' ') + ")");
		}
		catch (OutboundRequestFailed ex) {
			return new Outcome(null, "could not fetch the file");
		}
	}

}
