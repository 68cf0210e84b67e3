package dev.gatehouse.gateway.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listener's cap on open app connections: those beyond it are closed as they open, before a byte is read. */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

	private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

	private final int max;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

	ConnectionLimit(int max) {
		this.max = max;
	}

	/** Connections open now (those being refused included, for the moment they last). */
	int open() {
		return open.get();
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (open.incrementAndGet() > max) {
			long now = System.nanoTime();
			long last = lastWarned.get();
			if (now - last > TimeUnit.SECONDS.toNanos(10) && lastWarned.compareAndSet(last, now)) {
				log.warn("Gateway listener: {} connections open, closing new ones (gatehouse.gateway.listener.max-connections)", max);
			}
			ctx.close();
			return;
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		open.decrementAndGet();
		ctx.fireChannelInactive();
	}

}
