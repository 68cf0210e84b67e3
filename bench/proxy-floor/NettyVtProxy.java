import io.netty.bootstrap.*;
import io.netty.channel.*;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.*;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.*;
import java.util.*;
import java.util.concurrent.*;

/** Netty server, each request handed to a virtual thread that calls upstream with the blocking Apache client. */
public class NettyVtProxy {
	static final ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor();
	public static void main(String[] args) throws Exception {
		var boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		var workers = new MultiThreadIoEventLoopGroup(Integer.getInteger("loops", Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
		new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override protected void initChannel(SocketChannel ch) {
					ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new SimpleChannelInboundHandler<FullHttpRequest>() {
						@Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
							boolean keepAlive = HttpUtil.isKeepAlive(req);
							List<Map.Entry<String, String>> headers = new ArrayList<>();
							for (var h : req.headers()) headers.add(h);
							String method = req.method().name(), uri = req.uri();
							byte[] body = new byte[req.content().readableBytes()];
							req.content().readBytes(body);
							vt.execute(() -> {
								FullHttpResponse out;
								try {
									var a = Apache.exchange(method, uri, headers, body);
									out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()), Unpooled.wrappedBuffer(a.body()));
									for (var h : a.headers()) out.headers().add(h.getKey(), h.getValue());
								} catch (Exception e) {
									out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY);
								}
								HttpUtil.setContentLength(out, out.content().readableBytes());
								var f = ctx.writeAndFlush(out);
								if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
							});
						}
					});
				}
			}).bind("127.0.0.1", Integer.parseInt(args[0])).sync();
		System.out.println("netty-vt proxy up");
	}
}
