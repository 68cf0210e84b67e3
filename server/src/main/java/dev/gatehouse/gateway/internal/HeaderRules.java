package dev.gatehouse.gateway.internal;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway. Upstream: the app's headers minus its credentials, hop-by-hop
 * headers and anything claiming to be the gateway's ({@code X-Gatehouse-*}, forwarding headers),
 * plus who is calling, as the gateway verified it. Back to the app: the upstream's headers minus
 * hop-by-hop ones and the data-subject header, which is for the access log only.
 */
final class HeaderRules {

	// Case-insensitive sets: header names arrive in any case, and lower-casing each one cost an allocation per header.
	private static final Set<String> NOT_FORWARDED = caseInsensitive("authorization", "cookie", "host", "connection",
			"keep-alive", "proxy-authorization", "proxy-authenticate", "proxy-connection", "te", "trailer",
			"transfer-encoding", "upgrade", "content-length", "expect", "forwarded", "x-forwarded-for",
			"x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "x-request-id",
			"http2-settings");

	private static final Set<String> NOT_RETURNED = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
			"proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "set-cookie", "x-request-id");

	private static final int MAX_SUBJECTS = 1000;

	private final String subjectHeader;

	HeaderRules(String subjectHeader) {
		this.subjectHeader = subjectHeader;
	}

	List<Map.Entry<String, String>> upstreamHeaders(Inbound request, VerifiedToken token, String callId, String address) {
		List<Map.Entry<String, String>> headers = new ArrayList<>(16);
		request.forEachHeader((name, value) -> {
			if (!NOT_FORWARDED.contains(name) && !name.regionMatches(true, 0, "x-gatehouse-", 0, 12)) {
				headers.add(Map.entry(name, value));
			}
		});
		headers.add(Map.entry("X-Request-Id", callId));
		headers.addAll(token.identityHeaders());
		headers.add(Map.entry("X-Forwarded-For", address));
		headers.add(Map.entry("X-Forwarded-Proto", request.scheme()));
		return headers;
	}

	boolean isSubjectHeader(String name) {
		return name.equalsIgnoreCase(subjectHeader);
	}

	boolean forwardToApp(String name) {
		return !NOT_RETURNED.contains(name) && !name.startsWith(":");
	}

	private static Set<String> caseInsensitive(String... names) {
		var set = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(List.of(names));
		return Collections.unmodifiableSet(set);
	}

	/** Adds the comma-separated subject ids of one header value; ignores what does not look like an id. */
	static void subjects(String value, List<String> into) {
		for (String part : value.split(",")) {
			String id = part.trim();
			if (!id.isEmpty() && id.length() <= 128 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f)
					&& into.size() < MAX_SUBJECTS && !into.contains(id)) {
				into.add(id);
			}
		}
	}

}
