package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.GatewayProperties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway's dedicated port ({@code gatehouse.gateway.listener}): the platform API under the same
 * prefix as on Gatehouse's port, decided by the same {@link CallGate}, served by Netty with upstream
 * connections on the same event loops. On two cores it costs less than half of what the servlet
 * container and a blocking client cost per call (bench/README.md, "Which stack").
 */
final class GatewayListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GatewayListener.class);

	/** Where the bound port is published, as Spring Boot publishes {@code local.server.port}. */
	static final String PORT_PROPERTY = "local.gatehouse.gateway.port";

	private final CallGate gate;

	private final GatewayProperties properties;

	private final IssuerResolver issuers;

	private final SslBundles sslBundles;

	private final ConfigurableEnvironment environment;

	private EventLoopGroup acceptor;

	private EventLoopGroup loops;

	private Channel server;

	/** Calls taken and not yet answered, across every connection (a stop waits for them). */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final ConnectionLimit connections;

	private final TrustedProxies proxies;

	GatewayListener(CallGate gate, GatewayProperties properties, IssuerResolver issuers, SslBundles sslBundles,
			ConfigurableEnvironment environment, MeterRegistry meters) {
		this.connections = new ConnectionLimit(properties.listener().maxConnections());
		this.proxies = new TrustedProxies(properties.listener().trustedProxies());
		// Registered once, on fields: a stopped and restarted listener (a paused test context) keeps
		// its gauges, and a gauge on an object dropped at stop would read NaN.
		Gauge.builder("gatehouse.gateway.listener.connections", connections, ConnectionLimit::open)
			.description("App connections open on the gateway listener")
			.register(meters);
		Gauge.builder("gatehouse.gateway.listener.calls.in.flight", inFlight, AtomicInteger::get)
			.description("Calls taken by the gateway listener and not yet answered")
			.register(meters);
		this.gate = gate;
		this.properties = properties;
		this.issuers = issuers;
		this.sslBundles = sslBundles;
		this.environment = environment;
	}

	@Override
	public void start() {
		var listener = properties.listener();
		SslContext tls = tls(listener.sslBundle());
		String scheme = tls == null ? "http" : "https";
		var upstreams = new UpstreamChannels(properties.connectTimeout());
		int maxHeader = (int) listener.maxHeaderSize().toBytes();
		int maxBody = (int) Math.min(Integer.MAX_VALUE, gate.maxBody());
		acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gateway-accept", true), NioIoHandler.newFactory());
		loops = new MultiThreadIoEventLoopGroup(listener.eventLoops() > 0 ? listener.eventLoops() : Runtime.getRuntime().availableProcessors(),
				new DefaultThreadFactory("gateway-loop", true), NioIoHandler.newFactory());
		try {
			server = new ServerBootstrap().group(acceptor, loops)
				.channel(NioServerSocketChannel.class)
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline().addLast(connections);
						if (tls != null) {
							ch.pipeline().addLast(tls.newHandler(ch.alloc()));
						}
						ch.pipeline()
							.addLast(new IdleStateHandler(listener.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
							.addLast(new HttpServerCodec(maxHeader, maxHeader, 8192))
							.addLast(new BodyAggregator(maxBody, gate))
							.addLast(new ListenerConnection(gate, upstreams, issuers, proxies, scheme, properties.responseTimeout(), inFlight));
					}
				})
				.bind(listener.address(), listener.port())
				.syncUninterruptibly()
				.channel();
		}
		catch (RuntimeException ex) {
			stopLoops();
			throw new IllegalStateException("The gateway listener could not bind " + listener.address() + ":" + listener.port(), ex);
		}
		int port = ((InetSocketAddress) server.localAddress()).getPort();
		environment.getPropertySources().addFirst(new MapPropertySource("gatehouse.gateway.listener", Map.of(PORT_PROPERTY, port)));
		log.info("Gateway listener serving {} on {}://{}:{}", properties.pathPrefix(), scheme, listener.address(), port);
	}

	@Override
	public void stop() {
		if (server != null) {
			// No new connections; calls in flight get up to ten seconds to be answered.
			server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
			server = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (inFlight.get() > 0 && System.nanoTime() < deadline) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			if (inFlight.get() > 0) {
				log.warn("Gateway listener stopping with {} calls still in flight", inFlight.get());
			}
		}
		stopLoops();
	}

	private void stopLoops() {
		if (acceptor != null) {
			acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		}
		if (loops != null) {
			loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
		}
		acceptor = null;
		loops = null;
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}

	private SslContext tls(String bundleName) {
		if (bundleName == null || bundleName.isBlank()) {
			return null;
		}
		var bundle = sslBundles.getBundle(bundleName);
		try {
			return SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory()).build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("SSL bundle " + bundleName + " cannot serve the gateway listener", ex);
		}
	}

	/** Whole request bodies up to the gateway's limit (the payload scan reads them); 413 above it. */
	private static final class BodyAggregator extends HttpObjectAggregator {

		private final CallGate gate;

		BodyAggregator(int maxBody, CallGate gate) {
			super(maxBody);
			this.gate = gate;
		}

		@Override
		protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
			// Refused before the token is read: no access-log row, only the count (route none, too_large).
			gate.countUnread(ProblemResponses.Refusal.TOO_LARGE.reason());
			var problem = ProblemResponses.problem(ProblemResponses.Refusal.TOO_LARGE,
					"The request body is larger than " + maxContentLength() + " bytes.", Call.newId().toString(), List.of());
			ctx.writeAndFlush(ListenerConnection.response(problem, false)).addListener(ChannelFutureListener.CLOSE);
		}

	}

}
