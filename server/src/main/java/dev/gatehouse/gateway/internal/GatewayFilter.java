package dev.gatehouse.gateway.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.gateway.Route;
import dev.gatehouse.gateway.internal.ProblemResponses.Refusal;
import dev.gatehouse.shared.web.QueryTokens;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: serves every request under the prefix and never passes one on to the rest of
 * Gatehouse (no session, no CSRF, no security filter chain: a bearer token is the only credential).
 * The order of the checks is the order a caller needs to hear about problems in: the token, then
 * whether the route exists and the token may call it, then the rate limit, then the body.
 */
final class GatewayFilter implements Filter {

	private static final Logger log = LoggerFactory.getLogger(GatewayFilter.class);

	private final String prefix;

	private final String prefixSlash;

	private final LiveRoutes routes;

	private final AccessTokenVerifier verifier;

	private final RevocationSet revocations;

	private final RateLimiter rateLimiter;

	private final GatewayPolicy policy;

	private final PayloadScanner scanner;

	private final PayloadFindings findings;

	private final UpstreamTransport transport;

	private final HeaderRules headers;

	private final AccessLog accessLog;

	private final GatewayMetrics metrics;

	private final Clock clock;

	private final long maxBody;

	private final IssuerResolver issuers;

	GatewayFilter(String prefix, LiveRoutes routes, AccessTokenVerifier verifier, RevocationSet revocations,
			RateLimiter rateLimiter, GatewayPolicy policy, PayloadScanner scanner, PayloadFindings findings,
			UpstreamTransport transport, HeaderRules headers, AccessLog accessLog, GatewayMetrics metrics, Clock clock,
			long maxBody, IssuerResolver issuers) {
		this.prefix = prefix;
		this.prefixSlash = prefix + "/";
		this.routes = routes;
		this.verifier = verifier;
		this.revocations = revocations;
		this.rateLimiter = rateLimiter;
		this.policy = policy;
		this.scanner = scanner;
		this.findings = findings;
		this.transport = transport;
		this.headers = headers;
		this.accessLog = accessLog;
		this.metrics = metrics;
		this.clock = clock;
		this.maxBody = maxBody;
		this.issuers = issuers;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		var request = (HttpServletRequest) req;
		var response = (HttpServletResponse) res;
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if (!(uri.equals(prefix) || uri.startsWith(prefixSlash))) {
			chain.doFilter(req, res);
			return;
		}
		Call call = new Call(callId(), clock.instant(), System.nanoTime(), request.getMethod(), uri,
				request.getRemoteAddr());
		try {
			handle(call, request, response, uri.substring(prefix.length()));
		}
		catch (IOException | RuntimeException ex) {
			if (!response.isCommitted()) {
				log.error("Gateway call {} failed", call.id, ex);
				refuse(call, response, Refusal.UPSTREAM_DOWN, "The call could not be completed.");
			}
			else {
				call.rejection = "aborted";
			}
		}
		finally {
			record(call);
		}
	}

	private void handle(Call call, HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
		if (!safePath(path)) {
			refuse(call, response, Refusal.BAD_PATH, "The path has segments the gateway does not forward ('..', '//', ';', encoded '/' or '.').");
			return;
		}
		if (QueryTokens.carriesToken(request.getQueryString())) {
			refuse(call, response, Refusal.TOKEN_IN_QUERY, "Send the access token in the Authorization header, not in the URL.");
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null) {
			refuse(call, response, Refusal.NO_TOKEN, "Send an access token: 'Authorization: Bearer <token>'.");
			return;
		}
		if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() < 8 || moreThanOne(request)) {
			refuse(call, response, Refusal.MALFORMED_AUTHORIZATION, "The Authorization header must be one 'Bearer <token>'.");
			return;
		}
		VerifiedToken token;
		try {
			token = verifier.verify(authorization.substring(7).trim(), issuers.expectedIssuer(request));
		}
		catch (TokenRejectedException ex) {
			refuse(call, response, Refusal.INVALID_TOKEN, ex.getMessage());
			return;
		}
		call.token = token;
		String revoked = revocations.refusal(token);
		if (revoked != null) {
			refuse(call, response, Refusal.REVOKED, revoked);
			return;
		}
		RouteTable.Match match = routes.table().match(call.method, path);
		if (match == null) {
			boolean otherMethod = routes.table().pathKnown(path);
			refuse(call, response, otherMethod ? Refusal.METHOD : Refusal.NO_ROUTE,
					otherMethod ? "This path does not take " + call.method + "." : "No platform API route matches this path.");
			return;
		}
		Route route = match.route();
		call.route = route;
		if (route.requiresInstallation() && !token.actsForAccount()) {
			refuse(call, response, Refusal.INSTALLATION_REQUIRED,
					"This route reads or changes a customer account's data: use a token a customer granted by installing the app, not a client-credentials token.");
			return;
		}
		List<String> missing = route.scopes().stream().filter(s -> !token.scopes().contains(s)).toList();
		if (!missing.isEmpty()) {
			refuse(call, response, Refusal.insufficientScope(String.join(" ", route.scopes())),
					"The token lacks the scope " + String.join(", ", missing) + " this route requires.");
			return;
		}
		GatewayPolicy.Snapshot rules = policy.current();
		RateLimiter.Decision limit = rateLimiter.check(token.appId(), token.installationId(), rules.limits());
		if (limit != null) {
			response.setHeader("RateLimit-Policy", rules.rateLimitPolicy());
			response.setHeader("RateLimit", "\"" + limit.policy() + "\";r=" + limit.remaining() + ";t=" + limit.retryAfterSeconds());
			if (!limit.allowed()) {
				response.setHeader("Retry-After", Long.toString(limit.retryAfterSeconds()));
				refuse(call, response, Refusal.RATE_LIMITED, "The " + limit.policy() + " rate limit is reached; retry after "
						+ limit.retryAfterSeconds() + " s.");
				return;
			}
		}
		byte[] body = readBody(request);
		if (body == null) {
			refuse(call, response, Refusal.TOO_LARGE, "The request body is larger than " + maxBody + " bytes.");
			return;
		}
		call.requestBytes = body.length;
		if (rules.scan().enabled() && body.length > 0 && isWrite(call.method)) {
			var hits = scanner.scan(new String(body, StandardCharsets.UTF_8), request.getContentType());
			if (!hits.isEmpty()) {
				findings.report(token, route, call.method, call.id, hits, rules.scan());
				if (rules.scan().block()) {
					refuse(call, response, Refusal.SENSITIVE_DATA,
							"The body carries what looks like a payment card number or a password ("
									+ hits.getFirst().kind().replace('_', ' ') + "), which must not be sent through the platform.");
					return;
				}
			}
		}
		forward(call, request, response, match, token, body);
	}

	private static boolean moreThanOne(HttpServletRequest request) {
		var values = request.getHeaders("Authorization");
		values.nextElement();
		return values.hasMoreElements();
	}

	private void forward(Call call, HttpServletRequest request, HttpServletResponse response, RouteTable.Match match,
			VerifiedToken token, byte[] body) throws IOException {
		Route route = match.route();
		String query = request.getQueryString();
		String pathAndQuery = call.path.substring(prefix.length());
		var upstreamRequest = new UpstreamTransport.Request(call.method, route.upstream(),
				query == null ? pathAndQuery : pathAndQuery + "?" + query,
				headers.upstreamHeaders(request, token, call.id.toString()), body.length == 0 && !isWrite(call.method) ? null : body);
		UpstreamTransport.Response upstream;
		try {
			upstream = transport.exchange(upstreamRequest);
		}
		catch (UpstreamTransport.TimeoutException ex) {
			refuse(call, response, Refusal.UPSTREAM_TIMEOUT, "The platform API did not answer in time.");
			return;
		}
		catch (IOException ex) {
			log.warn("Upstream {} of route {} failed: {}", route.upstream(), route.id(), ex.toString());
			refuse(call, response, Refusal.UPSTREAM_DOWN, "The platform API could not be reached.");
			return;
		}
		try (upstream) {
			call.status = upstream.status();
			response.setStatus(upstream.status());
			response.setHeader("X-Request-Id", call.id.toString());
			if (route.sunset() != null) {
				// RFC 8594: tells the app when the route goes away. (RFC 9745's Deprecation header
				// needs the date the route was deprecated, which routes do not record yet.)
				response.setHeader("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(route.sunset().atStartOfDay(ZoneOffset.UTC)));
			}
			List<String> subjects = new ArrayList<>();
			for (var header : upstream.headers()) {
				String name = header.getKey();
				if (route.subjectHeader() && headers.isSubjectHeader(name)) {
					HeaderRules.subjects(header.getValue(), subjects);
				}
				else if (headers.forwardToApp(name)) {
					response.addHeader(name, header.getValue());
				}
			}
			for (String variable : route.subjectPathVariables()) {
				String value = match.variables().get(variable);
				if (value != null && !subjects.contains(value)) {
					subjects.add(value);
				}
			}
			call.subjects = subjects;
			InputStream in = upstream.body();
			if (in != null && !"HEAD".equals(call.method)) {
				call.responseBytes = copy(in, response.getOutputStream(), contentLength(upstream));
			}
		}
	}

	private static long copy(InputStream in, OutputStream out, long expected) throws IOException {
		// Most answers are small: a 16 KB buffer per call was a seventh of the gateway's samples.
		byte[] buffer = new byte[expected > 0 && expected < 16 * 1024 ? (int) expected : 16 * 1024];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) >= 0) {
			out.write(buffer, 0, n);
			total += n;
		}
		return total;
	}

	private static long contentLength(UpstreamTransport.Response upstream) {
		for (var header : upstream.headers()) {
			if (header.getKey().equalsIgnoreCase("Content-Length")) {
				try {
					return Long.parseLong(header.getValue().trim());
				}
				catch (NumberFormatException ex) {
					return -1;
				}
			}
		}
		return -1;
	}

	/** The body, or null when it is larger than allowed. */
	private byte[] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBody) {
			return null;
		}
		if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
			return new byte[0];
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBody + 1, Integer.MAX_VALUE - 8));
		return body.length > maxBody ? null : body;
	}

	private void refuse(Call call, HttpServletResponse response, Refusal refusal, String detail) throws IOException {
		call.status = refusal.status();
		call.rejection = refusal.reason();
		ProblemResponses.write(response, refusal, detail, call.id.toString());
	}

	private void record(Call call) {
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

	/**
	 * A random (version 4) UUID from the thread's fast generator: a call id names a call, it guards
	 * nothing, and {@link UUID#randomUUID()} draws from SecureRandom on every call.
	 */
	static UUID callId() {
		var random = java.util.concurrent.ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
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

	private static boolean isWrite(String method) {
		return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
	}

	/** What the access log learns about one call as it goes. */
	private static final class Call {

		final UUID id;

		final Instant at;

		final long startNanos;

		final String method;

		final String path;

		final String address;

		VerifiedToken token;

		Route route;

		int status;

		String rejection;

		long requestBytes;

		long responseBytes;

		List<String> subjects = List.of();

		Call(UUID id, Instant at, long startNanos, String method, String path, String address) {
			this.id = id;
			this.at = at;
			this.startNanos = startNanos;
			this.method = method;
			this.path = path;
			this.address = address;
		}

	}

}
