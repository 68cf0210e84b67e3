import com.sun.net.httpserver.*;
import java.net.InetSocketAddress;
import java.util.*;
import java.util.concurrent.Executors;

public class JdkProxy {
	public static void main(String[] args) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", ex -> {
			try (ex) {
				List<Map.Entry<String, String>> headers = new ArrayList<>();
				ex.getRequestHeaders().forEach((n, vs) -> vs.forEach(v -> headers.add(Map.entry(n, v))));
				byte[] body = ex.getRequestBody().readAllBytes();
				var a = Apache.exchange(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body);
				a.headers().forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
				ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
				ex.getResponseBody().write(a.body());
			} catch (Exception e) { e.printStackTrace(); }
		});
		server.start();
		System.out.println("jdk proxy up");
	}
}
