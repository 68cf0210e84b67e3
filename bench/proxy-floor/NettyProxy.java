import io.netty.bootstrap.*;
import io.netty.channel.*;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.*;
import io.netty.handler.codec.http.*;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.*;

/** Fully asynchronous: server and upstream channels on the same event loop, a keep-alive pool per loop. */
public class NettyProxy {
	static final int UP = Integer.getInteger("upstream", 28090);
	static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("pending");
	static final FastThreadLocal<ArrayDeque<Channel>> POOL = new FastThreadLocal<>() {
		@Override protected ArrayDeque<Channel> initialValue() { return new ArrayDeque<>(); }
	};
	record Pending(ChannelHandlerContext front, boolean keepAlive) {}

	public static void main(String[] args) throws Exception {
		var boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		var workers = new MultiThreadIoEventLoopGroup(Integer.getInteger("loops", Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
		new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override protected void initChannel(SocketChannel ch) {
					ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Front());
				}
			}).bind("127.0.0.1", Integer.parseInt(args[0])).sync();
		System.out.println("netty proxy up");
	}

	static void copy(HttpHeaders from, HttpHeaders to) {
		for (var h : from) {
			String n = h.getKey();
			if (!Apache.HOP.contains(n)) to.add(n, h.getValue());
		}
	}

	static final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
		@Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
			boolean keepAlive = HttpUtil.isKeepAlive(req);
			var up = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, req.method(), req.uri(), req.content().retain());
			copy(req.headers(), up.headers());
			up.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + UP);
			if (up.content().readableBytes() > 0 || req.method() == HttpMethod.POST) HttpUtil.setContentLength(up, up.content().readableBytes());
			var pool = POOL.get();
			Channel ch;
			while ((ch = pool.pollLast()) != null && !ch.isActive()) { }
			var pending = new Pending(ctx, keepAlive);
			if (ch != null) { send(ch, up, pending); return; }
			new Bootstrap().group(ctx.channel().eventLoop()).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
				.handler(new ChannelInitializer<SocketChannel>() {
					@Override protected void initChannel(SocketChannel c) {
						c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Back());
					}
				}).connect("127.0.0.1", UP).addListener((ChannelFutureListener) f -> {
					if (f.isSuccess()) send(f.channel(), up, pending);
					else { up.release(); ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY)).addListener(ChannelFutureListener.CLOSE); }
				});
		}
		static void send(Channel ch, FullHttpRequest up, Pending pending) {
			ch.attr(PENDING).set(pending);
			ch.writeAndFlush(up);
		}
	}

	static final class Back extends SimpleChannelInboundHandler<FullHttpResponse> {
		@Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
			Pending p = ctx.channel().attr(PENDING).getAndSet(null);
			var out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, res.status(), res.content().retain());
			copy(res.headers(), out.headers());
			HttpUtil.setContentLength(out, out.content().readableBytes());
			if (HttpUtil.isKeepAlive(res)) POOL.get().addLast(ctx.channel()); else ctx.close();
			if (!p.keepAlive()) { out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE); p.front().writeAndFlush(out).addListener(ChannelFutureListener.CLOSE); }
			else p.front().writeAndFlush(out);
		}
	}
}
