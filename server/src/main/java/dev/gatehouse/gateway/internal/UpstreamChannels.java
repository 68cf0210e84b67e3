package dev.gatehouse.gateway.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

/**
 * Keep-alive connections from the dedicated listener to the upstreams, one pool per event loop: a
 * call's upstream connection lives on the loop of the app's connection, so a call never changes
 * threads and the pools need no locks. Connections idle for 30 s are closed.
 */
final class UpstreamChannels {

	/** Who reads the upstream's answer on a connection: the app's connection while a call is in flight, nobody when pooled. */
	static final AttributeKey<UpstreamReader> READER = AttributeKey.valueOf("gatehouse.upstream.reader");

	/** Set on a connection taken from the pool (it has carried a call before). */
	static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("gatehouse.upstream.reused");

	private static final AttributeKey<String> POOL_KEY = AttributeKey.valueOf("gatehouse.upstream.pool");

	/**
	 * Idle connections are closed after this, sooner than servers commonly close them (the JDK's
	 * HTTP server after 30 s, nginx after 75 s), so a pooled connection is rarely one the upstream is
	 * closing just as a call goes out; a call that meets one anyway is retried once (ListenerConnection).
	 */
	private static final int IDLE_SECONDS = 20;

	/** Idle connections kept per upstream and loop; more are closed when they come back. */
	private static final int MAX_IDLE = 256;

	private final FastThreadLocal<Map<String, ArrayDeque<Channel>>> pools = new FastThreadLocal<>() {
		@Override
		protected Map<String, ArrayDeque<Channel>> initialValue() {
			return new HashMap<>();
		}
	};

	private final int connectTimeoutMillis;

	private final SslContext tls;

	UpstreamChannels(Duration connectTimeout) {
		this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
		try {
			// The JDK's trust store and hostname verification (set per connection below).
			this.tls = SslContextBuilder.forClient().build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("No TLS client context for the gateway's upstreams", ex);
		}
	}

	/** What reads an upstream connection's events while a call uses it. */
	interface UpstreamReader {

		void upstreamRead(Channel upstream, Object message);

		void upstreamClosed(Channel upstream);

		void upstreamFailed(Channel upstream, Throwable cause);

	}

	/**
	 * A connection to {@code upstream} on {@code loop} (must be called on that loop): a pooled one
	 * (unless {@code fresh}), or a new one once connected.
	 */
	void acquire(EventLoop loop, URI upstream, boolean fresh, Consumer<Channel> connected, Consumer<Throwable> failed) {
		String key = key(upstream);
		ArrayDeque<Channel> idle = fresh ? null : pools.get().get(key);
		Channel channel;
		while (idle != null && (channel = idle.pollLast()) != null) {
			if (channel.isActive()) {
				channel.attr(REUSED).set(Boolean.TRUE);
				connected.accept(channel);
				return;
			}
		}
		boolean https = "https".equalsIgnoreCase(upstream.getScheme());
		String host = upstream.getHost();
		int port = upstream.getPort() > 0 ? upstream.getPort() : (https ? 443 : 80);
		new Bootstrap().group(loop)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
			.attr(POOL_KEY, key)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					if (https) {
						var handler = tls.newHandler(ch.alloc(), host, port);
						var parameters = handler.engine().getSSLParameters();
						parameters.setEndpointIdentificationAlgorithm("HTTPS");
						handler.engine().setSSLParameters(parameters);
						ch.pipeline().addLast(handler);
					}
					ch.pipeline()
						.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
						.addLast(new HttpClientCodec())
						.addLast(Dispatch.INSTANCE);
				}
			})
			.connect(host, port)
			.addListener((ChannelFutureListener) future -> {
				if (future.isSuccess()) {
					connected.accept(future.channel());
				}
				else {
					failed.accept(future.cause());
				}
			});
	}

	/** Back to its loop's pool, ready for the next call (must be called on the channel's loop). */
	void release(Channel channel) {
		channel.attr(READER).set(null);
		if (!channel.isActive()) {
			return;
		}
		ArrayDeque<Channel> idle = pools.get().computeIfAbsent(channel.attr(POOL_KEY).get(), k -> new ArrayDeque<>());
		if (idle.size() >= MAX_IDLE) {
			channel.close();
			return;
		}
		idle.addLast(channel);
	}

	private static String key(URI upstream) {
		return upstream.getScheme() + "://" + upstream.getRawAuthority();
	}

	/** Hands an upstream connection's events to the call using it; closes a pooled one that speaks or idles. */
	@io.netty.channel.ChannelHandler.Sharable
	static final class Dispatch extends ChannelInboundHandlerAdapter {

		static final Dispatch INSTANCE = new Dispatch();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			UpstreamReader reader = ctx.channel().attr(READER).get();
			if (reader == null) {
				ReferenceCountUtil.release(msg);
				ctx.close();
				return;
			}
			reader.upstreamRead(ctx.channel(), msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			UpstreamReader reader = ctx.channel().attr(READER).getAndSet(null);
			if (reader != null) {
				reader.upstreamClosed(ctx.channel());
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			UpstreamReader reader = ctx.channel().attr(READER).getAndSet(null);
			ctx.close();
			if (reader != null) {
				reader.upstreamFailed(ctx.channel(), cause);
			}
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof IdleStateEvent && ctx.channel().attr(READER).get() == null) {
				ctx.close();
			}
		}

	}

}
