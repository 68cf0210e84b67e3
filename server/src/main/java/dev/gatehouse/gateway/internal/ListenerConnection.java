package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.internal.ProblemResponses.Problem;
import dev.gatehouse.gateway.internal.ProblemResponses.Refusal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app connection to the dedicated listener. Calls on it are taken one at a time, in order
 * (HTTP/1.1 pipelining is answered in sequence); the upstream's answer streams back as it arrives,
 * with the upstream connection paused while the app's side cannot take more. Everything runs on the
 * connection's event loop except a token this node has not seen yet, whose signature check (and
 * perhaps a read of the signing keys) runs on a virtual thread.
 */
final class ListenerConnection extends ChannelInboundHandlerAdapter implements UpstreamChannels.UpstreamReader {

	private static final Logger log = LoggerFactory.getLogger(ListenerConnection.class);

	/** Pipelined calls waiting behind the current one; a client sending more is not a client. */
	private static final int MAX_WAITING = 16;

	private static final byte[] NO_BYTES = {};

	/**
	 * Headers that need no second validation: the decoders checked what the app and the upstream
	 * sent, and what the gateway adds is its own (ids, scopes, limits).
	 */
	private static final HttpHeadersFactory TRUSTED_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

	private final CallGate gate;

	private final UpstreamChannels upstreams;

	private final IssuerResolver issuers;

	private final String scheme;

	private final long responseTimeoutNanos;

	private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();

	private ChannelHandlerContext ctx;

	// The call in flight, if any.
	private FullHttpRequest request;

	private Call call;

	private boolean keepAlive;

	private Channel upstream;

	private boolean answerStarted;

	private boolean upstreamKeepAlive;

	/** The call went out again on a new connection after a pooled one failed before answering. */
	private boolean retried;

	private NettyInbound inbound;

	private ScheduledFuture<?> responseTimer;

	private final AtomicInteger inFlight;

	private final TrustedProxies proxies;

	ListenerConnection(CallGate gate, UpstreamChannels upstreams, IssuerResolver issuers, TrustedProxies proxies,
			String scheme, Duration responseTimeout, AtomicInteger inFlight) {
		this.proxies = proxies;
		this.inFlight = inFlight;
		this.gate = gate;
		this.upstreams = upstreams;
		this.issuers = issuers;
		this.scheme = scheme;
		this.responseTimeoutNanos = responseTimeout.toNanos();
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof FullHttpRequest next)) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (request != null) {
			if (waiting.size() >= MAX_WAITING) {
				next.release();
				ctx.close();
				return;
			}
			waiting.addLast(next);
			return;
		}
		begin(next);
	}

	private void begin(FullHttpRequest next) {
		inFlight.incrementAndGet();
		request = next;
		keepAlive = HttpUtil.isKeepAlive(next);
		answerStarted = false;
		retried = false;
		if (next.decoderResult().isFailure()) {
			Throwable cause = next.decoderResult().cause();
			keepAlive = false;
			outside(cause instanceof TooLongFrameException ? Refusal.HEADERS_TOO_LARGE : Refusal.UNREADABLE,
					"The request could not be read as HTTP/1.1.");
			return;
		}
		String uri = next.uri();
		int question = uri.indexOf('?');
		String path = question < 0 ? uri : uri.substring(0, question);
		if (!path.startsWith("/") || !gate.serves(path)) {
			outside(Refusal.NOT_PLATFORM, "This port only serves the platform API.");
			return;
		}
		call = gate.start(next.method().name(), path, address(next.headers()));
		var inbound = new NettyInbound(next.headers(), question < 0 ? null : uri.substring(question + 1), scheme, issuers);
		if (gate.knowsToken(inbound)) {
			admitted(inbound, gate.admit(call, inbound));
			return;
		}
		// A token this node has not verified: its signature costs about 0.4 ms of CPU and may need the
		// signing keys read from the database, neither of which may hold up the event loop.
		Call pending = call;
		Thread.ofVirtual().name("gateway-verify").start(() -> {
			Problem problem;
			try {
				problem = gate.admit(pending, inbound);
			}
			catch (RuntimeException ex) {
				log.error("Gateway call {} failed", pending.id, ex);
				problem = gate.refuse(pending, Refusal.UPSTREAM_DOWN, "The call could not be completed.");
			}
			Problem decided = problem;
			ctx.executor().execute(() -> {
				if (call == pending) {
					admitted(inbound, decided);
				}
			});
		});
	}

	private void admitted(NettyInbound inbound, Problem problem) {
		try {
			int length = request.content().readableBytes();
			if (problem == null) {
				problem = length > gate.maxBody() ? gate.tooLarge(call)
						: gate.admitBody(call, call.isWrite() && length > 0 ? ByteBufUtil.getBytes(request.content()) : NO_BYTES,
								inbound.header("Content-Type"));
				call.requestBytes = length;
			}
			if (problem != null) {
				refuse(problem);
				return;
			}
			this.inbound = inbound;
			forward(false);
		}
		catch (RuntimeException ex) {
			log.error("Gateway call {} failed", call.id, ex);
			if (!answerStarted) {
				refuse(gate.refuse(call, Refusal.UPSTREAM_DOWN, "The call could not be completed."));
			}
			else {
				abort();
			}
		}
	}

	private void forward(boolean fresh) {
		UpstreamTransport.Request forward = gate.upstreamRequest(call, inbound, NO_BYTES);
		var out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), forward.target(),
				request.content().retainedDuplicate(), TRUSTED_HEADERS, TRUSTED_HEADERS);
		HttpHeaders headers = out.headers();
		for (Map.Entry<String, String> header : forward.headers()) {
			headers.add(header.getKey(), header.getValue());
		}
		headers.set(HttpHeaderNames.HOST, forward.upstream().getRawAuthority());
		if (out.content().isReadable() || call.isWrite()) {
			HttpUtil.setContentLength(out, out.content().readableBytes());
		}
		Call current = call;
		upstreams.acquire(ctx.channel().eventLoop(), forward.upstream(), fresh, channel -> {
			if (call != current || !ctx.channel().isActive()) {
				out.release();
				upstreams.release(channel);
				return;
			}
			upstream = channel;
			channel.attr(UpstreamChannels.READER).set(this);
			responseTimer = ctx.executor().schedule(this::timedOut, responseTimeoutNanos, TimeUnit.NANOSECONDS);
			channel.writeAndFlush(out).addListener((ChannelFutureListener) written -> {
				if (!written.isSuccess()) {
					written.channel().close();
				}
			});
		}, cause -> {
			out.release();
			if (call == current) {
				log.warn("Upstream {} of route {} failed: {}", call.route.upstream(), call.route.id(), cause.toString());
				refuse(gate.refuse(call, Refusal.UPSTREAM_DOWN, "The platform API could not be reached."));
			}
		});
	}

	@Override
	public void upstreamRead(Channel channel, Object message) {
		if (channel != upstream) {
			ReferenceCountUtil.release(message);
			return;
		}
		if (message instanceof HttpResponse response) {
			cancelTimer();
			if (response.decoderResult().isFailure()) {
				ReferenceCountUtil.release(message);
				dropUpstream();
				refuse(gate.refuse(call, Refusal.UPSTREAM_DOWN, "The platform API answered with a broken response."));
				return;
			}
			answerHeaders(response);
		}
		if (message instanceof HttpContent content) {
			call.responseBytes += content.content().readableBytes();
			if (!ctx.channel().isActive()) {
				content.release();
				dropUpstream();
				finish();
				return;
			}
			if (content instanceof LastHttpContent) {
				Channel used = upstream;
				boolean reusable = upstreamKeepAlive;
				upstream = null;
				if (reusable) {
					upstreams.release(used);
				}
				else {
					used.attr(UpstreamChannels.READER).set(null);
					used.close();
				}
				ctx.writeAndFlush(content).addListener((ChannelFutureListener) written -> finish());
			}
			else {
				ctx.write(content);
				if (!ctx.channel().isWritable()) {
					// Back pressure: stop reading the upstream until the app's side drains.
					channel.config().setAutoRead(false);
					ctx.flush();
				}
			}
		}
		else if (!(message instanceof HttpResponse)) {
			ReferenceCountUtil.release(message);
		}
	}

	private void answerHeaders(HttpResponse response) {
		upstreamKeepAlive = HttpUtil.isKeepAlive(response);
		int status = response.status().code();
		List<Map.Entry<String, String>> upstreamHeaders = new ArrayList<>(response.headers().size());
		for (Map.Entry<String, String> header : response.headers()) {
			upstreamHeaders.add(header);
		}
		var answer = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), TRUSTED_HEADERS);
		HttpHeaders headers = answer.headers();
		for (Map.Entry<String, String> header : gate.answer(call, status, upstreamHeaders)) {
			headers.add(header.getKey(), header.getValue());
		}
		if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) && status >= 200 && status != 204 && status != 304) {
			if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
				keepAlive = false; // no chunks for HTTP/1.0: the end of the connection ends the body
			}
			else {
				HttpUtil.setTransferEncodingChunked(answer, true);
			}
		}
		HttpUtil.setKeepAlive(answer, keepAlive);
		answerStarted = true;
		ctx.write(answer);
	}

	@Override
	public void upstreamClosed(Channel channel) {
		if (channel == upstream) {
			upstreamBroke(channel, "closed the connection");
		}
	}

	@Override
	public void upstreamFailed(Channel channel, Throwable cause) {
		if (channel == upstream) {
			upstreamBroke(channel, cause.toString());
		}
	}

	private void upstreamBroke(Channel channel, String why) {
		cancelTimer();
		upstream = null;
		if (!answerStarted && !retried && channel.hasAttr(UpstreamChannels.REUSED) && idempotent()) {
			// A pooled connection the upstream closed as the call went out: nothing reached the app,
			// and the method may be sent twice, so once more on a new connection.
			retried = true;
			forward(true);
			return;
		}
		if (!answerStarted) {
			log.warn("Upstream {} of route {} failed: {}", call.route.upstream(), call.route.id(), why);
			refuse(gate.refuse(call, Refusal.UPSTREAM_DOWN, "The platform API could not be reached."));
		}
		else {
			abort();
		}
	}

	private boolean idempotent() {
		HttpMethod method = request.method();
		return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS)
				|| method.equals(HttpMethod.PUT) || method.equals(HttpMethod.DELETE);
	}

	private void timedOut() {
		if (upstream == null || answerStarted) {
			return;
		}
		dropUpstream();
		refuse(gate.refuse(call, Refusal.UPSTREAM_TIMEOUT, "The platform API did not answer in time."));
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable() && upstream != null) {
			upstream.config().setAutoRead(true);
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (request != null) {
			if (call != null && call.rejection == null) {
				call.rejection = "aborted";
			}
			dropUpstream();
			finish();
		}
		releaseWaiting();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		// Idle: no call in flight and nothing heard for the idle timeout (or a request left half sent).
		if (event instanceof IdleStateEvent && call == null) {
			ctx.close();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		log.debug("Gateway listener connection failed", cause);
		ctx.close();
	}

	private void refuse(Problem problem) {
		answerStarted = true;
		ctx.writeAndFlush(response(problem, keepAlive)).addListener((ChannelFutureListener) written -> finish());
	}

	/** An answer outside the platform API (not found, unreadable request): not a call, so not logged per app. */
	private void outside(Refusal refusal, String detail) {
		refuse(ProblemResponses.problem(refusal, detail, Call.newId().toString(), List.of()));
	}

	/** A refusal as the listener sends it (also the body aggregator's 413). */
	static FullHttpResponse response(Problem problem, boolean keepAlive) {
		var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()),
				Unpooled.wrappedBuffer(problem.body()));
		for (var header : problem.headers()) {
			response.headers().set(header.getKey(), header.getValue());
		}
		HttpUtil.setContentLength(response, problem.body().length);
		HttpUtil.setKeepAlive(response, keepAlive);
		return response;
	}

	private void abort() {
		if (call != null) {
			call.rejection = "aborted";
		}
		dropUpstream();
		ctx.close();
	}

	/** The call is answered (or given up): log it, then take the next one. */
	private void finish() {
		if (request == null) {
			return;
		}
		cancelTimer();
		if (call != null) {
			gate.record(call);
		}
		request.release();
		request = null;
		call = null;
		inbound = null;
		inFlight.decrementAndGet();
		if (!keepAlive || !ctx.channel().isActive()) {
			ctx.close();
			releaseWaiting();
			return;
		}
		FullHttpRequest next = waiting.pollFirst();
		if (next != null) {
			begin(next);
		}
	}

	private void dropUpstream() {
		cancelTimer();
		Channel channel = upstream;
		upstream = null;
		if (channel != null) {
			channel.attr(UpstreamChannels.READER).set(null);
			channel.close();
		}
	}

	private void cancelTimer() {
		if (responseTimer != null) {
			responseTimer.cancel(false);
			responseTimer = null;
		}
	}

	private void releaseWaiting() {
		FullHttpRequest next;
		while ((next = waiting.pollFirst()) != null) {
			next.release();
		}
	}

	private String address(HttpHeaders headers) {
		if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress socket)) {
			return String.valueOf(ctx.channel().remoteAddress());
		}
		return proxies.isEmpty() ? socket.getAddress().getHostAddress()
				: proxies.caller(socket.getAddress(), headers.getAll("X-Forwarded-For"));
	}

	private record NettyInbound(HttpHeaders headers, String query, String scheme, IssuerResolver issuers) implements Inbound {

		@Override
		public String header(String name) {
			return headers.get(name);
		}

		@Override
		public int headerCount(String name) {
			return headers.getAll(name).size();
		}

		@Override
		public void forEachHeader(BiConsumer<String, String> action) {
			for (Map.Entry<String, String> header : headers) {
				action.accept(header.getKey(), header.getValue());
			}
		}

		@Override
		public String expectedIssuer() {
			return issuers.expectedIssuer(headers.get(HttpHeaderNames.HOST));
		}

	}

}
