import io.helidon.webserver.WebServer;
import io.helidon.http.*;
import java.util.*;

public class HelidonProxy {
	public static void main(String[] args) {
		WebServer.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
			.routing(r -> r.any((req, res) -> {
				List<Map.Entry<String, String>> headers = new ArrayList<>();
				for (Header h : req.headers()) for (String v : h.allValues()) headers.add(Map.entry(h.name(), v));
				String q = req.prologue().query().rawValue();
				String target = req.prologue().uriPath().rawPath() + (q.isEmpty() ? "" : "?" + q);
				byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : null;
				var a = Apache.exchange(req.prologue().method().text(), target, headers, body);
				res.status(Status.create(a.status()));
				for (var h : a.headers()) res.header(HeaderValues.create(HeaderNames.create(h.getKey()), h.getValue()));
				res.send(a.body());
			}))
			.build().start();
		System.out.println("helidon proxy up");
	}
}
