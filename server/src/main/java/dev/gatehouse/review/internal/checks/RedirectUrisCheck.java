package dev.gatehouse.review.internal.checks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code check.redirect-uris}: every redirect URI is an exact absolute URL (RFC 9700): https, no
 * wildcard, fragment or user info; plain http only to a loopback address and only when the pack's
 * {@code allowLoopbackHttp} says so.
 */
@Component
class RedirectUrisCheck implements Check {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	@Override
	public String id() {
		return "check.redirect-uris";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		boolean loopbackHttp = Check.boolParam(params, "allowLoopbackHttp", false);
		List<String> uris = input.content().redirectUris() == null ? List.of() : input.content().redirectUris();
		if (uris.isEmpty()) {
			return Verdict.notApplicable("The app registers no redirect URI (no authorization code flow).");
		}
		Map<String, String> problems = new LinkedHashMap<>();
		for (String uri : uris) {
			String problem = problem(uri, loopbackHttp);
			if (problem != null) {
				problems.put(uri, problem);
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("redirectUris", uris);
		evidence.put("allowLoopbackHttp", loopbackHttp);
		evidence.put("problems", problems);
		return problems.isEmpty() ? Verdict.pass(uris.size() + " redirect URI(s), all acceptable.", evidence)
				: Verdict.fail(problems.size() + " redirect URI(s) not acceptable: " + String.join("; ",
						problems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + ".", evidence);
	}

	static String problem(String value, boolean loopbackHttp) {
		if (value == null || value.isBlank()) {
			return "empty";
		}
		if (value.contains("*")) {
			return "wildcards are not allowed";
		}
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			return "not a URL";
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			return "not an absolute URL with a host";
		}
		if (uri.getRawFragment() != null) {
			return "a fragment is not allowed";
		}
		if (uri.getRawUserInfo() != null) {
			return "user info is not allowed";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
		if (scheme.equals("https")) {
			return null;
		}
		if (scheme.equals("http") && loopback) {
			return loopbackHttp ? null : "plain http, even to loopback, is not allowed by the policy";
		}
		return "must use https";
	}

}
