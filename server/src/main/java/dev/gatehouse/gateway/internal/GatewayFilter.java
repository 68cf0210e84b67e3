package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.internal.ProblemResponses.Problem;
import dev.gatehouse.gateway.internal.ProblemResponses.Refusal;

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
import java.util.Collections;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway on Gatehouse's own port: serves every request under the prefix and never passes one
 * on to the rest of Gatehouse (no session, no CSRF, no security filter chain: a bearer token is the
 * only credential). The decisions are {@link CallGate}'s; this class reads the servlet request and
 * forwards with the blocking {@link UpstreamTransport} on the request's (virtual) thread.
 */
final class GatewayFilter implements Filter {

	private static final Logger log = LoggerFactory.getLogger(GatewayFilter.class);

	private final CallGate gate;

	private final UpstreamTransport transport;

	private final IssuerResolver issuers;

	GatewayFilter(CallGate gate, UpstreamTransport transport, IssuerResolver issuers) {
		this.gate = gate;
		this.transport = transport;
		this.issuers = issuers;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		var request = (HttpServletRequest) req;
		var response = (HttpServletResponse) res;
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if (!gate.serves(uri)) {
			chain.doFilter(req, res);
			return;
		}
		Call call = gate.start(request.getMethod(), uri, request.getRemoteAddr());
		try {
			handle(call, request, response);
		}
		catch (IOException | RuntimeException ex) {
			if (!response.isCommitted()) {
				log.error("Gateway call {} failed", call.id, ex);
				ProblemResponses.write(response, gate.refuse(call, Refusal.UPSTREAM_DOWN, "The call could not be completed."));
			}
			else {
				call.rejection = "aborted";
			}
		}
		finally {
			gate.record(call);
		}
	}

	private void handle(Call call, HttpServletRequest request, HttpServletResponse response) throws IOException {
		var inbound = new ServletInbound(request, issuers);
		Problem problem = gate.admit(call, inbound);
		byte[] body = null;
		if (problem == null) {
			body = readBody(request);
			problem = body == null ? gate.tooLarge(call) : gate.admitBody(call, body, request.getContentType());
		}
		if (problem != null) {
			ProblemResponses.write(response, problem);
			return;
		}
		UpstreamTransport.Response upstream;
		try {
			upstream = transport.exchange(gate.upstreamRequest(call, inbound, body));
		}
		catch (UpstreamTransport.TimeoutException ex) {
			ProblemResponses.write(response, gate.refuse(call, Refusal.UPSTREAM_TIMEOUT, "The platform API did not answer in time."));
			return;
		}
		catch (IOException ex) {
			log.warn("Upstream {} of route {} failed: {}", call.route.upstream(), call.route.id(), ex.toString());
			ProblemResponses.write(response, gate.refuse(call, Refusal.UPSTREAM_DOWN, "The platform API could not be reached."));
			return;
		}
		try (upstream) {
			response.setStatus(upstream.status());
			for (var header : gate.answer(call, upstream.status(), upstream.headers())) {
				response.addHeader(header.getKey(), header.getValue());
			}
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
		long maxBody = gate.maxBody();
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

	private record ServletInbound(HttpServletRequest request, IssuerResolver issuers) implements Inbound {

		@Override
		public String header(String name) {
			return request.getHeader(name);
		}

		@Override
		public int headerCount(String name) {
			return Collections.list(request.getHeaders(name)).size();
		}

		@Override
		public void forEachHeader(BiConsumer<String, String> action) {
			for (var names = request.getHeaderNames(); names.hasMoreElements();) {
				String name = names.nextElement();
				for (var values = request.getHeaders(name); values.hasMoreElements();) {
					action.accept(name, values.nextElement());
				}
			}
		}

		@Override
		public String query() {
			return request.getQueryString();
		}

		@Override
		public String scheme() {
			return request.getScheme();
		}

		@Override
		public String expectedIssuer() {
			return issuers.expectedIssuer(request);
		}

	}

}
