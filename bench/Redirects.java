import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Following a login or authorization redirect: shared by GatewayBench and TokenBench (multi-file source launch). */
final class Redirects {

	private Redirects() {
	}

	static boolean isRedirect(HttpResponse<?> r) {
		int s = r.statusCode();
		return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && r.headers().firstValue("Location").isPresent();
	}

	/** The decoded parameters of a raw query string (the last value of a repeated name wins). */
	static Map<String, String> query(String raw) {
		Map<String, String> q = new HashMap<>();
		if (raw != null) {
			for (String part : raw.split("&")) {
				int eq = part.indexOf('=');
				if (eq > 0) {
					q.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return q;
	}

}
