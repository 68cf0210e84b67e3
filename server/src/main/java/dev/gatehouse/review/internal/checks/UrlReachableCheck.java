package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.Listing;
import dev.gatehouse.review.ReviewProperties;
import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.shared.net.OutboundRequest;
import dev.gatehouse.shared.net.OutboundRequestFailed;
import dev.gatehouse.shared.net.OutboundRequestRefused;
import dev.gatehouse.shared.net.OutboundResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.url-reachable}: the listed URLs use https and answer 2xx (after at most five
 * redirects, each checked by the SSRF-safe client). The evidence names, per field, the URL, the
 * status and the time taken, so the scheduled runs can tell a URL that keeps failing.
 */
@Component
public class UrlReachableCheck implements Check {

	/** The evidence key holding one entry per field: {@code url}, {@code ok}, {@code status}, {@code problem}. */
	public static final String URLS = "urls";

	static final List<String> DEFAULT_FIELDS = List.of("privacyPolicyUrl", "termsUrl", "supportUrl", "setupUrl");

	private static final int MAX_REDIRECTS = 5;

	private final OutboundHttpClient http;

	private final boolean allowHttp;

	@org.springframework.beans.factory.annotation.Autowired
	UrlReachableCheck(OutboundHttpClient http, ReviewProperties properties) {
		this(http, properties.allowHttp());
	}

	UrlReachableCheck(OutboundHttpClient http, boolean allowHttp) {
		this.http = http;
		this.allowHttp = allowHttp;
	}

	@Override
	public String id() {
		return "check.url-reachable";
	}

	@Override
	public boolean network() {
		return true;
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		List<String> fields = Check.listParam(params, "fields", DEFAULT_FIELDS);
		Map<String, Object> urls = new LinkedHashMap<>();
		List<String> failing = new java.util.ArrayList<>();
		for (String field : fields) {
			String url = value(input.listing(), field);
			if (url == null || url.isBlank()) {
				continue;
			}
			Map<String, Object> probe = probe(url.strip());
			urls.put(field, probe);
			if (!Boolean.TRUE.equals(probe.get("ok"))) {
				failing.add(field + " (" + probe.get("problem") + ")");
			}
		}
		if (urls.isEmpty()) {
			return Verdict.notApplicable("None of the checked URL fields is filled in.");
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("checkedAt", input.now().toString());
		evidence.put(URLS, urls);
		return failing.isEmpty() ? Verdict.pass("All " + urls.size() + " listed URL(s) use https and answer.", evidence)
				: Verdict.fail("Listed URL(s) failing: " + String.join("; ", failing) + ".", evidence);
	}

	private Map<String, Object> probe(String url) {
		Map<String, Object> probe = new LinkedHashMap<>();
		probe.put("url", url);
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return problem(probe, "not a URL");
		}
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		if (!https && !allowHttp) {
			return problem(probe, "not https");
		}
		var request = OutboundRequest.get(uri).followingRedirects(MAX_REDIRECTS);
		if (allowHttp) {
			request = request.allowingHttp();
		}
		try {
			OutboundResponse response = http.execute(request);
			probe.put("status", response.status());
			probe.put("elapsedMs", response.elapsed().toMillis());
			if (!response.finalUrl().toString().equals(url)) {
				probe.put("finalUrl", response.finalUrl().toString());
			}
			if (!response.isSuccessful()) {
				return problem(probe, "answered " + response.status());
			}
			probe.put("ok", true);
			return probe;
		}
		catch (OutboundRequestRefused ex) {
			return problem(probe, "refused: " + ex.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
		catch (OutboundRequestFailed ex) {
			return problem(probe, "no answer");
		}
	}

	private static Map<String, Object> problem(Map<String, Object> probe, String problem) {
		probe.put("ok", false);
		probe.put("problem", problem);
		return probe;
	}

	static String value(Listing listing, String field) {
		return switch (field) {
			case "website" -> listing.website();
			case "privacyPolicyUrl" -> listing.privacyPolicyUrl();
			case "termsUrl" -> listing.termsUrl();
			case "supportUrl" -> listing.supportUrl();
			case "setupUrl" -> listing.setupUrl();
			default -> null;
		};
	}

}
