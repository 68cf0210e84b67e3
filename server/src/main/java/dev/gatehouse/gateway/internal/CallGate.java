package dev.gatehouse.gateway.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.gateway.Route;
import dev.gatehouse.gateway.internal.ProblemResponses.Problem;
import dev.gatehouse.gateway.internal.ProblemResponses.Refusal;
import dev.gatehouse.shared.web.QueryTokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway decides about a call, whichever listener received it (the servlet filter on
 * Gatehouse's own port, or the dedicated listener): the checks before forwarding, in the order a
 * caller needs to hear about problems (the token, then whether the route exists and the token may
 * call it, then the rate limit, then the body), the headers on both sides, and the access log.
 * Nothing here blocks on I/O once the token is known to this node, so the dedicated listener runs
 * it on its event loops.
 */
final class CallGate {

	private static final Logger log = LoggerFactory.getLogger(CallGate.class);

	private final String prefix;

	private final String prefixSlash;

	private final LiveRoutes routes;

	private final AccessTokenVerifier verifier;

	private final RevocationSet revocations;

	private final RateLimiter rateLimiter;

	private final GatewayPolicy policy;

	private final PayloadScanner scanner;

	private final PayloadFindings findings;

	private final HeaderRules headers;

	private final AccessLog accessLog;

	private final GatewayMetrics metrics;

	private final Clock clock;

	private final long maxBody;

	CallGate(String prefix, LiveRoutes routes, AccessTokenVerifier verifier, RevocationSet revocations,
			RateLimiter rateLimiter, GatewayPolicy policy, PayloadScanner scanner, PayloadFindings findings,
			HeaderRules headers, AccessLog accessLog, GatewayMetrics metrics, Clock clock, long maxBody) {
		this.prefix = prefix;
		this.prefixSlash = prefix + "/";
		this.routes = routes;
		this.verifier = verifier;
		this.revocations = revocations;
		this.rateLimiter = rateLimiter;
		this.policy = policy;
		this.scanner = scanner;
		this.findings = findings;
		this.headers = headers;
		this.accessLog = accessLog;
		this.metrics = metrics;
		this.clock = clock;
		this.maxBody = maxBody;
	}

	boolean serves(String path) {
		return path.equals(prefix) || path.startsWith(prefixSlash);
	}

	long maxBody() {
		return maxBody;
	}

	Call start(String method, String path, String address) {
		return new Call(Call.newId(), clock.instant(), System.nanoTime(), method, path, address);
	}

	/** Whether checking this token needs no signature check or key read (it is cached on this node). */
	boolean knowsToken(Inbound request) {
		String authorization = request.header("Authorization");
		return authorization == null || authorization.length() < 8 || verifier.isCached(authorization.substring(7).trim());
	}

	/**
	 * The checks made from the request line and headers: null when the call may go on to its body,
	 * otherwise the refusal to send.
	 */
	Problem admit(Call call, Inbound request) {
		String path = call.path.substring(prefix.length());
		if (!safePath(path)) {
			return refuse(call, Refusal.BAD_PATH, "The path has segments the gateway does not forward ('..', '//', ';', encoded '/' or '.').");
		}
		if (QueryTokens.carriesToken(request.query())) {
			return refuse(call, Refusal.TOKEN_IN_QUERY, "Send the access token in the Authorization header, not in the URL.");
		}
		String authorization = request.header("Authorization");
		if (authorization == null) {
			return refuse(call, Refusal.NO_TOKEN, "Send an access token: 'Authorization: Bearer <token>'.");
		}
		if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() < 8
				|| request.headerCount("Authorization") > 1) {
			return refuse(call, Refusal.MALFORMED_AUTHORIZATION, "The Authorization header must be one 'Bearer <token>'.");
		}
		VerifiedToken token;
		try {
			token = verifier.verify(authorization.substring(7).trim(), request.expectedIssuer());
		}
		catch (TokenRejectedException ex) {
			return refuse(call, Refusal.INVALID_TOKEN, ex.getMessage());
		}
		call.token = token;
		String revoked = revocations.refusal(token);
		if (revoked != null) {
			return refuse(call, Refusal.REVOKED, revoked);
		}
		RouteTable.Match match = routes.table().match(call.method, path);
		if (match == null) {
			boolean otherMethod = routes.table().pathKnown(path);
			return refuse(call, otherMethod ? Refusal.METHOD : Refusal.NO_ROUTE,
					otherMethod ? "This path does not take " + call.method + "." : "No platform API route matches this path.");
		}
		Route route = match.route();
		call.route = route;
		call.match = match;
		if (route.requiresInstallation() && !token.actsForAccount()) {
			return refuse(call, Refusal.INSTALLATION_REQUIRED,
					"This route reads or changes a customer account's data: use a token a customer granted by installing the app, not a client-credentials token.");
		}
		List<String> missing = null;
		for (String scope : route.scopes()) {
			if (!token.scopes().contains(scope)) {
				missing = missing == null ? new ArrayList<>(2) : missing;
				missing.add(scope);
			}
		}
		if (missing != null) {
			return refuse(call, Refusal.insufficientScope(String.join(" ", route.scopes())),
					"The token lacks the scope " + String.join(", ", missing) + " this route requires.");
		}
		GatewayPolicy.Snapshot rules = policy.current();
		RateLimiter.Decision limit = rateLimiter.check(token.appId(), token.installationId(), rules.limits());
		if (limit != null) {
			call.answerHeader("RateLimit-Policy", rules.rateLimitPolicy());
			call.answerHeader("RateLimit", "\"" + limit.policy() + "\";r=" + limit.remaining() + ";t=" + limit.retryAfterSeconds());
			if (!limit.allowed()) {
				call.answerHeader("Retry-After", Long.toString(limit.retryAfterSeconds()));
				return refuse(call, Refusal.RATE_LIMITED, "The " + limit.policy() + " rate limit is reached; retry after "
						+ limit.retryAfterSeconds() + " s.");
			}
		}
		return null;
	}

	/** The body's checks, once it is read: the payload scan on writes (flag or block, as the pack says). */
	Problem admitBody(Call call, byte[] body, String contentType) {
		call.requestBytes = body.length;
		GatewayPolicy.Scan scan = policy.current().scan();
		if (scan.enabled() && body.length > 0 && call.isWrite()) {
			var hits = scanner.scan(new String(body, StandardCharsets.UTF_8), contentType);
			if (!hits.isEmpty()) {
				findings.report(call.token, call.route, call.method, call.id, hits, scan);
				if (scan.block()) {
					return refuse(call, Refusal.SENSITIVE_DATA,
							"The body carries what looks like a payment card number or a password ("
									+ hits.getFirst().kind().replace('_', ' ') + "), which must not be sent through the platform.");
				}
			}
		}
		return null;
	}

	/** A call refused before it could be read as one (the listener's oversized bodies): counted only. */
	void countUnread(String rejection) {
		metrics.record(null, rejection, 0);
	}

	Problem tooLarge(Call call) {
		return refuse(call, Refusal.TOO_LARGE, "The request body is larger than " + maxBody + " bytes.");
	}

	Problem refuse(Call call, Refusal refusal, String detail) {
		call.status = refusal.status();
		call.rejection = refusal.reason();
		return ProblemResponses.problem(refusal, detail, call.idText, call.answerHeaders);
	}

	/** The request to send upstream for an admitted call. */
	UpstreamTransport.Request upstreamRequest(Call call, Inbound request, byte[] body) {
		String query = request.query();
		String pathAndQuery = call.path.substring(prefix.length());
		return new UpstreamTransport.Request(call.method, call.route.upstream(),
				query == null ? pathAndQuery : pathAndQuery + "?" + query,
				headers.upstreamHeaders(request, call.token, call.idText, call.address),
				body.length == 0 && !call.isWrite() ? null : body);
	}

	/**
	 * The headers the app gets with the upstream's answer: the upstream's own minus those that stay
	 * behind (the subject header goes to the access log), then the gateway's.
	 */
	List<Map.Entry<String, String>> answer(Call call, int status, List<Map.Entry<String, String>> upstreamHeaders) {
		call.status = status;
		Route route = call.route;
		List<String> subjects = new ArrayList<>();
		List<Map.Entry<String, String>> answer = new ArrayList<>(upstreamHeaders.size() + 4);
		for (var header : upstreamHeaders) {
			String name = header.getKey();
			if (route.subjectHeader() && headers.isSubjectHeader(name)) {
				HeaderRules.subjects(header.getValue(), subjects);
			}
			else if (headers.forwardToApp(name)) {
				answer.add(header);
			}
		}
		for (String variable : route.subjectPathVariables()) {
			String value = call.match.variables().get(variable);
			if (value != null && !subjects.contains(value)) {
				subjects.add(value);
			}
		}
		call.subjects = subjects;
		answer.add(Map.entry("X-Request-Id", call.idText));
		if (route.sunset() != null) {
			// RFC 8594: tells the app when the route goes away. (RFC 9745's Deprecation header
			// needs the date the route was deprecated, which routes do not record yet.)
			answer.add(Map.entry("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(route.sunset().atStartOfDay(ZoneOffset.UTC))));
		}
		answer.addAll(call.answerHeaders);
		return answer;
	}

	/** Metrics for every call; an access-log row for every call with a verified token. */
	void record(Call call) {
		long micros = (System.nanoTime() - call.startNanos) / 1_000;
		VerifiedToken token = call.token;
		Route route = call.route;
		metrics.record(route == null ? null : route.id(), call.rejection, micros);
		if (token == null) {
			// No verified app: nothing to trace to anyone, and an anonymous flood must not fill the
			// access log. Such calls are counted in the metrics (outcome no_token, invalid_token, ...).
			return;
		}
		try {
			accessLog.record(new ApiCall(call.id, call.at, token.appId(), token.clientId(), token.installationId(),
					token.customerAccountId(), route == null ? null : route.id(), call.method,
					call.path, call.status, micros, call.requestBytes, call.responseBytes,
					route == null ? List.of() : route.scopes(), route == null ? List.of() : route.dataCategories(),
					call.subjects, call.address, call.rejection));
		}
		catch (RuntimeException ex) {
			log.error("Access log refused call {}", call.id, ex);
		}
	}

	/** No dot segments, empty segments, matrix parameters or encoded separators: what we match is what we forward. */
	static boolean safePath(String path) {
		int length = path.length();
		int segmentStart = 0;
		for (int i = 0; i <= length; i++) {
			char c = i < length ? path.charAt(i) : '/';
			if (c == ';' || c == '\\') {
				return false;
			}
			if (c == '%' && i + 2 < length && encodedSeparator(path.charAt(i + 1), path.charAt(i + 2))) {
				return false;
			}
			if (c == '/') {
				int segment = i - segmentStart;
				if (i > 0 && i < length && segment == 0) {
					return false; // "//"
				}
				if ((segment == 1 && path.charAt(segmentStart) == '.')
						|| (segment == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.')) {
					return false;
				}
				segmentStart = i + 1;
			}
		}
		return true;
	}

	/** %2f, %5c, %2e and %00 in either case. */
	private static boolean encodedSeparator(char high, char low) {
		char l = Character.toLowerCase(low);
		return (high == '2' && (l == 'f' || l == 'e')) || (high == '5' && l == 'c') || (high == '0' && l == '0');
	}

}
