package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser-like HTTP client over real sockets: keeps cookies, does not follow redirects (tests
 * assert them), and reads the CSRF token from the last page like a form would. Each session comes
 * from its own random client address ({@code X-Forwarded-For}, trusted from loopback) so per-address
 * login throttling in one test does not spill into another.
 */
public final class WebSession {

	private final String base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private final String clientIp;

	private String csrf;

	public WebSession(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
		var random = ThreadLocalRandom.current();
		this.clientIp = "198.51." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
	}

	public String clientIp() {
		return clientIp;
	}

	public HttpResponse<String> get(String path) {
		var response = send(request(path).GET().build());
		rememberCsrf(response);
		return response;
	}

	/** Posts a form with the CSRF token of the last page fetched. */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		var fields = new LinkedHashMap<>(form);
		if (csrf != null) {
			fields.putIfAbsent("_csrf", csrf);
		}
		return postRaw(path, fields);
	}

	/** Posts a form with the CSRF token of the last page fetched and extra headers (for example htmx's). */
	public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
		var fields = new LinkedHashMap<>(form);
		if (csrf != null) {
			fields.putIfAbsent("_csrf", csrf);
		}
		return postRaw(path, fields, headers);
	}

	/** Posts exactly these fields: no CSRF token is added. */
	public HttpResponse<String> postRaw(String path, Map<String, String> form) {
		return postRaw(path, form, Map.of());
	}

	private HttpResponse<String> postRaw(String path, Map<String, String> form, Map<String, String> headers) {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		var request = request(path).header("Content-Type", "application/x-www-form-urlencoded");
		headers.forEach(request::header);
		var response = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
		rememberCsrf(response);
		return response;
	}

	/** Posts an already encoded form body (for repeated fields such as OAuth's {@code scope}). */
	public HttpResponse<String> postEncoded(String path, String body) {
		var response = send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		rememberCsrf(response);
		return response;
	}

	/** Uploads one file as multipart/form-data; {@code path} carries any query parameters (such as _csrf). */
	public HttpResponse<String> postFile(String path, String field, String fileName, String contentType, byte[] content) {
		String boundary = "gatehouse-test-" + System.nanoTime();
		var body = new java.io.ByteArrayOutputStream();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		// as a browser's form post: an error answers with the HTML page, not Boot's JSON
		var response = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
		rememberCsrf(response);
		return response;
	}

	/** The CSRF token of the last page fetched. */
	public String csrf() {
		return csrf;
	}

	/** Follows one redirect, if the response is one. */
	public HttpResponse<String> follow(HttpResponse<String> response) {
		return response.headers().firstValue("Location").map(this::get).orElse(response);
	}

	public String sessionId() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Logs in with password only; returns the redirect response of the password step. */
	public HttpResponse<String> submitPassword(String email, String password) {
		get("/login");
		return post("/login", Map.of("username", email, "password", password));
	}

	public static Document html(HttpResponse<String> response) {
		return Jsoup.parse(response.body());
	}

	public static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(null);
	}

	private HttpRequest.Builder request(String path) {
		String url = path.startsWith("http") ? path : base + path;
		return HttpRequest.newBuilder(URI.create(url)).header("X-Forwarded-For", clientIp).header("User-Agent",
				"GatehouseTests/1.0");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void rememberCsrf(HttpResponse<String> response) {
		if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
			var input = Jsoup.parse(response.body()).selectFirst("input[name=_csrf]");
			if (input != null) {
				csrf = input.attr("value");
			}
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
