/*
 * GatewayBench: load generator for Gatehouse's API gateway against the upstream it proxies (direct)
 * and nginx in front of the same upstream.
 *
 * Java 25 source program, JDK only, with bench/CpuMeter.java and bench/Totp.java (the source launcher
 * compiles them with this file):
 *
 *   java bench/GatewayBench.java token   --base URL --client-id ID --client-secret S --username U --password P
 *                                         --scope SCOPES --redirect-uri URI --state FILE
 *       log in as the customer admin, consent, exchange the code (PKCE), find an appointment through the
 *       gateway; writes FILE (key=value: tokens, the token's claims, the resource path, the headers)
 *   java bench/GatewayBench.java refresh --base URL --client-id ID --client-secret S --state FILE
 *       a fresh access token (refresh grant, rotation), written back to FILE
 *   java bench/GatewayBench.java metrics-session --base URL --logins DATA_DIR/demo-logins.tsv --out FILE
 *       a logged-in session of the demo operator admin (password and TOTP from the demo's logins file), to
 *       read the access log's meters from /actuator/metrics/{name}
 *   java bench/GatewayBench.java open    --label L --url URL --state FILE --as gateway|upstream --rate R
 *                                         --warmup-seconds S --seconds S [--window-seconds 10] --out FILE.tsv
 *       open loop: a request every 1/R s at fixed intended send times, latency measured from the intended
 *       send time (no coordinated omission)
 *   java bench/GatewayBench.java closed  --label L --url URL --state FILE --as gateway|upstream --concurrency N
 *                                         --warmup-seconds S --warmup-max-rounds N --seconds S [--metrics-url URL]
 *                                         --out FILE.tsv
 *       closed loop, keep-alive: warm-up rounds until two agree within 5%, then the measured window
 *   java bench/GatewayBench.java report  RUN_DIR
 *       the markdown tables of a run (from its TSV files) with ratios and the targets' verdicts
 *
 * The measured requests go over a minimal HTTP/1.1 client on plain sockets (one keep-alive connection per
 * worker; the open loop keeps a pool) so the load generator costs little CPU next to the servers; the
 * OAuth flow uses java.net.http. Every loop is bounded in time and count; every socket has a timeout; only
 * loopback addresses are accepted. See bench/README.md.
 */

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class GatewayBench {

	static final PrintStream out = System.out;

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: java GatewayBench.java token|refresh|open|closed|report ... (see the header of this file)");
			System.exit(2);
		}
		Map<String, String> o = args.length > 1 && !args[1].startsWith("--") ? Map.of("dir", args[1]) : options(args);
		switch (args[0]) {
			case "token" -> Auth.token(o);
			case "refresh" -> Auth.refresh(o);
			case "metrics-session" -> Auth.metricsSession(o);
			case "open" -> Load.open(o);
			case "closed" -> Load.closed(o);
			case "report" -> Report.print(Path.of(o.get("dir")));
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> m = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			m.put(args[i].substring(2), args[++i]);
		}
		return m;
	}

	static String req(Map<String, String> o, String k) {
		String v = o.get(k);
		if (v == null) {
			throw new IllegalArgumentException("missing --" + k);
		}
		return v;
	}

	// ------------------------------------------------------------------------------------------
	// The access token: login, consent, code exchange with PKCE; refresh
	// ------------------------------------------------------------------------------------------

	static final class Auth {

		static void token(Map<String, String> o) throws Exception {
			URI base = URI.create(req(o, "base"));
			checkLoopback(base);
			var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			String clientId = req(o, "client-id"), redirect = req(o, "redirect-uri"), scope = req(o, "scope");
			String verifier = random(32);
			String challenge = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			String state = random(12);
			URI authorize = base.resolve("/oauth2/authorize?response_type=code&client_id=" + form(clientId)
					+ "&redirect_uri=" + form(redirect) + "&scope=" + form(scope) + "&state=" + state + "&code_challenge="
					+ challenge + "&code_challenge_method=S256");
			// 1. The login page (its CSRF field), then the login form.
			HttpResponse<String> page = get(http, base.resolve("/login"));
			HtmlForm login = HtmlForm.all(page.body()).stream().filter(f -> f.hasField("password")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no login form at /login: " + snippet(page.body())));
			Map<String, String> fields = login.hidden();
			fields.put("username", req(o, "username"));
			fields.put("password", req(o, "password"));
			HttpResponse<String> r = post(http, base.resolve(login.action().isEmpty() ? "/login" : login.action()), fields);
			if (!Redirects.isRedirect(r) || r.headers().firstValue("Location").orElse("").contains("error")) {
				throw new IllegalStateException("login refused: HTTP " + r.statusCode() + " "
						+ r.headers().firstValue("Location").orElse(snippet(r.body())));
			}
			// 2. The authorization request: a redirect to the consent page (or, installed already, the code).
			r = get(http, authorize);
			String code = null;
			for (int step = 0; step < 6 && code == null; step++) {
				if (Redirects.isRedirect(r)) {
					String location = r.headers().firstValue("Location").orElseThrow();
					if (location.startsWith(redirect)) {
						Map<String, String> q = Redirects.query(URI.create(location).getRawQuery());
						if (!state.equals(q.get("state")) || q.get("code") == null) {
							throw new IllegalStateException("authorization failed: " + location);
						}
						code = q.get("code");
						break;
					}
					r = get(http, r.uri().resolve(location));
					continue;
				}
				if (r.statusCode() != 200) {
					throw new IllegalStateException("HTTP " + r.statusCode() + " at " + r.uri() + ": " + snippet(r.body()));
				}
				// 3. The consent page: form#consent-form with _csrf, client_id, state, consent_hash, scope (repeated)
				// and the radio customer_account (the preselected account); see OAuthTestClient.allow.
				String body = r.body();
				HtmlForm consent = HtmlForm.all(body).stream().filter(f -> f.attributes().contains("consent-form"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("no consent form at " + page.uri() + ": " + snippet(body)));
				r = post(http, r.uri().resolve(consent.action()), consent.consentFields());
			}
			if (code == null) {
				throw new IllegalStateException("no authorization code after 6 steps");
			}
			// 4. The code exchange.
			String tokens = tokenCall(http, base, o, "grant_type=authorization_code&code=" + form(code) + "&redirect_uri="
					+ form(redirect) + "&code_verifier=" + form(verifier));
			Properties state0 = new Properties();
			state0.setProperty("base", base.toString());
			state0.setProperty("scope", scope);
			store(tokens, state0);
			// 5. A resource the account has: the first seeded appointment, through the gateway.
			String list = gatewayGet(http, base.resolve("/platform/v1/appointments?limit=1"), state0.getProperty("access_token"));
			Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"(apt_[A-Za-z0-9]+)\"").matcher(list);
			if (!m.find()) {
				throw new IllegalStateException("no appointment in " + snippet(list));
			}
			state0.setProperty("resource", "/v1/appointments/" + m.group(1));
			save(Path.of(req(o, "state")), state0);
			out.printf("token for account %s (app %s, installation %s), scopes %s; resource %s%n",
					state0.getProperty("customer_account_id"), state0.getProperty("app_id"),
					state0.getProperty("installation_id"), state0.getProperty("token_scope"), state0.getProperty("resource"));
		}

		/**
		 * The demo operator admin logs in (password, TOTP); the session cookie is written to --out, to read
		 * /actuator/metrics/{name}. (A personal access token with metrics:read for /actuator/prometheus cannot
		 * be made here: creating one in the UI answers 500 at commit 0da9130, NewAccessToken is not
		 * Serializable for the JDBC session's flash attributes.)
		 */
		static void metricsSession(Map<String, String> o) throws Exception {
			URI base = URI.create(req(o, "base"));
			checkLoopback(base);
			String[] admin = Files.readAllLines(Path.of(req(o, "logins"))).stream().map(l -> l.split("\t"))
				.filter(p -> p.length == 4 && p[2].startsWith("operator / admin")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no operator admin in " + o.get("logins")));
			var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			HttpResponse<String> page = get(http, base.resolve("/login"));
			HtmlForm login = HtmlForm.all(page.body()).stream().filter(f -> f.hasField("password")).findFirst().orElseThrow();
			Map<String, String> fields = login.hidden();
			fields.put("username", admin[0]);
			fields.put("password", admin[1]);
			HttpResponse<String> r = post(http, base.resolve("/login"), fields);
			for (int step = 0; step < 6 && Redirects.isRedirect(r); step++) {
				URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
				r = get(http, next);
				if (r.statusCode() == 200 && next.getPath().equals("/login/second-factor")) {
					Map<String, String> f = HtmlForm.all(r.body()).stream().filter(x -> x.hasField("code")).findFirst()
						.orElseThrow(() -> new IllegalStateException("no second-factor form")).hidden();
					f.put("code", Totp.code(admin[3], System.currentTimeMillis() / 30_000));
					r = post(http, next, f);
				}
			}
			HttpResponse<String> check = http.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/gatehouse.accesslog.rows.written"))
				.timeout(TIMEOUT).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
			if (check.statusCode() != 200 && check.statusCode() != 404) {
				throw new IllegalStateException("operator session cannot read /actuator/metrics: HTTP " + check.statusCode()
						+ " (is the metrics endpoint exposed? --management.endpoints.web.exposure.include=...,metrics)");
			}
			String cookie = String.join("; ", cookies.getCookieStore().get(base).stream()
				.map(c -> c.getName() + "=" + c.getValue()).toList());
			Files.writeString(Path.of(req(o, "out")), cookie + "\n");
			out.println("operator session of " + admin[0] + " written to " + o.get("out") + " (/actuator/metrics answered "
					+ check.statusCode() + ")");
		}

		static void refresh(Map<String, String> o) throws Exception {
			Path file = Path.of(req(o, "state"));
			Properties s = load(file);
			URI base = URI.create(s.getProperty("base"));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String tokens = tokenCall(http, base, o,
					"grant_type=refresh_token&refresh_token=" + form(s.getProperty("refresh_token")));
			store(tokens, s);
			save(file, s);
			out.printf("refreshed the access token at %s (expires in %s s)%n", base, s.getProperty("expires_in"));
		}

		static String tokenCall(HttpClient http, URI base, Map<String, String> o, String body) throws Exception {
			String basic = "Basic " + Base64.getEncoder().encodeToString(
					(form(req(o, "client-id")) + ":" + form(req(o, "client-secret"))).getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/oauth2/token")).timeout(TIMEOUT)
				.header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200 || jsonString(r.body(), "access_token") == null) {
				throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + snippet(r.body()));
			}
			return r.body();
		}

		/** Tokens and the access token's claims (what the gateway sends upstream for it). */
		static void store(String tokens, Properties s) {
			String access = jsonString(tokens, "access_token");
			s.setProperty("access_token", access);
			String refresh = jsonString(tokens, "refresh_token");
			if (refresh != null) {
				s.setProperty("refresh_token", refresh);
			}
			Matcher e = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)").matcher(tokens);
			s.setProperty("expires_in", e.find() ? e.group(1) : "?");
			String[] parts = access.split("\\.");
			String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
			for (String c : List.of("app_id", "client_id", "installation_id", "customer_account_id")) {
				String v = jsonString(claims, c);
				if (v == null) {
					throw new IllegalStateException("the access token has no " + c + " claim: " + claims);
				}
				s.setProperty(c, v);
			}
			Matcher scope = Pattern.compile("\"scope\"\\s*:\\s*(\"[^\"]*\"|\\[[^\\]]*\\])").matcher(claims);
			s.setProperty("token_scope", scope.find() ? scope.group(1).replaceAll("[\"\\[\\]]", "").replace(',', ' ') : "");
		}

		static String gatewayGet(HttpClient http, URI uri, String token) throws Exception {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
				.header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException("GET " + uri + " through the gateway answered " + r.statusCode() + ": "
						+ snippet(r.body()));
			}
			return r.body();
		}

		static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
			checkLoopback(uri);
			return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/html").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		static HttpResponse<String> post(HttpClient http, URI uri, Map<String, String> fields) throws Exception {
			checkLoopback(uri);
			StringBuilder body = new StringBuilder();
			for (var e : fields.entrySet()) {
				for (String v : e.getValue().split("\u0000", -1)) {
					body.append(body.isEmpty() ? "" : "&").append(form(e.getKey())).append('=').append(form(v));
				}
			}
			return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
		}

		static Properties load(Path file) throws IOException {
			Properties p = new Properties();
			try (var in = Files.newInputStream(file)) {
				p.load(in);
			}
			return p;
		}

		static void save(Path file, Properties p) throws IOException {
			try (var w = Files.newOutputStream(file)) {
				p.store(w, "GatewayBench state: tokens (secret; git-ignored run dir) and the measured resource");
			}
		}

	}

	/** The forms of a page, read with regular expressions: enough for the login and consent pages. */
	record HtmlForm(String action, String attributes, List<String[]> inputs) {

		static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

		static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

		static final Pattern ATTR = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*(?:=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");

		static List<HtmlForm> all(String html) {
			List<HtmlForm> forms = new ArrayList<>();
			Matcher m = FORM.matcher(html);
			while (m.find()) {
				Map<String, String> attrs = attrs(m.group(1));
				List<String[]> inputs = new ArrayList<>();
				Matcher i = INPUT.matcher(m.group(2));
				while (i.find()) {
					Map<String, String> a = attrs(i.group(1));
					if (a.containsKey("name")) {
						inputs.add(new String[] { a.get("name"), a.getOrDefault("value", ""),
								a.getOrDefault("type", "text").toLowerCase(Locale.ROOT),
								a.containsKey("checked") ? "checked" : "", a.containsKey("disabled") ? "disabled" : "" });
					}
				}
				forms.add(new HtmlForm(attrs.getOrDefault("action", ""), m.group(1).toLowerCase(Locale.ROOT), inputs));
			}
			return forms;
		}

		static Map<String, String> attrs(String s) {
			Map<String, String> a = new HashMap<>();
			Matcher m = ATTR.matcher(s);
			while (m.find()) {
				String v = m.group(2);
				if (v != null && (v.startsWith("\"") || v.startsWith("'"))) {
					v = v.substring(1, v.length() - 1);
				}
				a.put(m.group(1).toLowerCase(Locale.ROOT), v == null ? "" : unescape(v));
			}
			return a;
		}

		boolean hasField(String name) {
			return inputs.stream().anyMatch(i -> i[0].equals(name));
		}

		/** Hidden fields (repeated ones, such as scope, joined with NUL). */
		Map<String, String> hidden() {
			Map<String, String> f = new LinkedHashMap<>();
			for (String[] i : inputs) {
				if (i[2].equals("hidden")) {
					f.merge(i[0], i[1], (a, b) -> a + "\u0000" + b);
				}
			}
			return f;
		}

		/** Hidden fields plus the checked (else the first enabled) radio: the customer account. */
		Map<String, String> consentFields() {
			Map<String, String> f = hidden();
			for (String[] i : inputs) {
				if (i[2].equals("radio") && i[4].isEmpty()) {
					if (i[3].equals("checked")) {
						f.put(i[0], i[1]);
					}
					else {
						f.putIfAbsent(i[0], i[1]);
					}
				}
			}
			return f;
		}

		static String unescape(String s) {
			return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
				.replace("&lt;", "<").replace("&gt;", ">").replace("&#x2F;", "/").replace("&#47;", "/")
				.replace("&#61;", "=").replace("&#x3D;", "=");
		}

	}

	// ------------------------------------------------------------------------------------------
	// The measured requests: a minimal HTTP/1.1 client on blocking sockets
	// ------------------------------------------------------------------------------------------

	/** One keep-alive connection. */
	static final class Conn implements AutoCloseable {

		final Socket socket;

		final InputStream in;

		final OutputStream outs;

		boolean open = true;

		/** Body bytes of the last response. */
		long bodyBytes;

		Conn(InetSocketAddress address) throws IOException {
			socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.connect(address, 5000);
			in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			outs = socket.getOutputStream();
		}

		/** Sends the request and reads the whole response; returns the status. */
		int exchange(byte[] request) throws IOException {
			outs.write(request);
			outs.flush();
			String status = line();
			if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
				throw new IOException("bad status line: " + status);
			}
			int code = Integer.parseInt(status.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			for (int n = 0; n < 200; n++) {
				String h = line();
				if (h.isEmpty()) {
					break;
				}
				int colon = h.indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = h.substring(0, colon).trim();
				String value = h.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					length = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
				else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
					open = false;
				}
			}
			if (chunked) {
				long total = 0;
				for (int n = 0; n < 100_000; n++) {
					String size = line();
					int semi = size.indexOf(';');
					long chunk = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
					if (chunk == 0) {
						while (!line().isEmpty()) {
							// trailers
						}
						break;
					}
					in.skipNBytes(chunk);
					total += chunk;
					line();
				}
				bodyBytes = total;
			}
			else if (length >= 0) {
				in.skipNBytes(length);
				bodyBytes = length;
			}
			else {
				bodyBytes = in.transferTo(OutputStream.nullOutputStream());
				open = false;
			}
			return code;
		}

		private String line() throws IOException {
			StringBuilder sb = new StringBuilder(64);
			for (int i = 0; i < 16 * 1024; i++) {
				int c = in.read();
				if (c < 0) {
					throw new IOException("connection closed by the server");
				}
				if (c == '\n') {
					int len = sb.length();
					if (len > 0 && sb.charAt(len - 1) == '\r') {
						sb.setLength(len - 1);
					}
					return sb.toString();
				}
				sb.append((char) c);
			}
			throw new IOException("header line too long");
		}

		@Override
		public void close() {
			open = false;
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

	/** The measured request: GET of one resource, as the gateway's caller or as the gateway itself would send it. */
	record Target(String label, InetSocketAddress address, byte[] request, String description) {

		static Target of(Map<String, String> o) throws IOException {
			URI url = URI.create(req(o, "url"));
			checkLoopback(url);
			Properties s = Auth.load(Path.of(req(o, "state")));
			String path = url.getRawPath() + s.getProperty("resource");
			StringBuilder r = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
				.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
				.append("Accept: application/json\r\n")
				.append("User-Agent: GatewayBench\r\n");
			String as = req(o, "as");
			if (as.equals("gateway")) {
				r.append("Authorization: Bearer ").append(s.getProperty("access_token")).append("\r\n");
			}
			else {
				// What the gateway sends upstream for this token (HeaderRules.upstreamHeaders), so the upstream
				// does the same work; the request id is fixed here (the gateway makes one per call).
				r.append("X-Request-Id: 6f1f4c7e-0000-4000-8000-000000000001\r\n")
					.append("X-Gatehouse-App: ").append(s.getProperty("app_id")).append("\r\n")
					.append("X-Gatehouse-Client: ").append(s.getProperty("client_id")).append("\r\n")
					.append("X-Gatehouse-Installation: ").append(s.getProperty("installation_id")).append("\r\n")
					.append("X-Gatehouse-Account: ").append(s.getProperty("customer_account_id")).append("\r\n")
					.append("X-Gatehouse-Scopes: ").append(s.getProperty("token_scope")).append("\r\n")
					.append("X-Forwarded-For: 127.0.0.1\r\n")
					.append("X-Forwarded-Proto: http\r\n");
			}
			r.append("\r\n");
			return new Target(req(o, "label"), new InetSocketAddress(url.getHost(), url.getPort()),
					r.toString().getBytes(StandardCharsets.US_ASCII), "GET " + url.getScheme() + "://" + url.getAuthority() + path);
		}

	}

	// ------------------------------------------------------------------------------------------
	// Load shapes
	// ------------------------------------------------------------------------------------------

	static final class Load {

		/** Open loop at a fixed arrival rate; latency from each request's intended send time. */
		static void open(Map<String, String> o) throws Exception {
			Target t = Target.of(o);
			double rate = Double.parseDouble(o.getOrDefault("rate", "500"));
			int warmup = Integer.parseInt(o.getOrDefault("warmup-seconds", "10"));
			int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
			int windowSeconds = Integer.parseInt(o.getOrDefault("window-seconds", "10"));
			List<String> match = o.containsKey("server-match") ? List.of(o.get("server-match").split(",")) : List.of();
			check(t);
			var pool = new ConcurrentLinkedDeque<Conn>();
			out.printf("== %s, open loop %.0f req/s: %s%n", t.label(), rate, t.description());
			if (warmup > 0) {
				OpenResult w = openWindow(t, pool, rate, warmup, windowSeconds, List.of());
				out.printf("   warm-up %d s: p50 %.3f ms, p99 %.3f ms, errors %d%n", warmup, w.percentileMs(0.5),
						w.percentileMs(0.99), w.errors);
			}
			OpenResult r = openWindow(t, pool, rate, seconds, windowSeconds, match);
			pool.forEach(Conn::close);
			out.printf("   MEASURED open %.0f req/s for %d s: sent %d, ok %d, errors %d, achieved %.1f req/s;"
					+ " p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f ms; body %d bytes; connections %d%n", rate, seconds,
					r.sent, r.sorted.length, r.errors, r.sorted.length / r.seconds, r.percentileMs(0.5), r.percentileMs(0.9),
					r.percentileMs(0.99), r.percentileMs(0.999), r.percentileMs(1.0), r.bodyBytes, r.connections);
			out.printf("   p99 per %d s window: %s ms%n", windowSeconds, r.windowP99s());
			row(o, "open", t.label(), rate, r.sorted, r.errors, r.seconds, r.windowP99s(), r.bodyBytes, r.cpu, Map.of(),
					"-");
		}

		record OpenResult(long[] sorted, long errors, long sent, double seconds, String windowP99sText, long bodyBytes,
				int connections, CpuMeter cpu) {

			double percentileMs(double p) {
				return percentile(sorted, p);
			}

			String windowP99s() {
				return windowP99sText;
			}

		}

		static OpenResult openWindow(Target t, ConcurrentLinkedDeque<Conn> pool, double rate, int seconds, int windowSeconds,
				List<String> match) throws Exception {
			int n = (int) Math.round(rate * seconds);
			long interval = Math.round(1e9 / rate);
			long[] latency = new long[n];
			Arrays.fill(latency, -1);
			AtomicLong errors = new AtomicLong(), bodyBytes = new AtomicLong(), inflight = new AtomicLong();
			AtomicInteger connections = new AtomicInteger(pool.size());
			CountDownLatch done = new CountDownLatch(n);
			CpuMeter cpu = new CpuMeter(match);
			cpu.begin();
			long start = System.nanoTime() + 5_000_000;
			for (int i = 0; i < n; i++) {
				long intended = start + i * interval;
				long wait;
				while ((wait = intended - System.nanoTime()) > 0) {
					if (wait > 200_000) {
						LockSupport.parkNanos(wait - 100_000);
					}
					else {
						Thread.onSpinWait();
					}
				}
				if (inflight.get() > 20_000) {
					// Bounded: past this many outstanding requests the target is overloaded; count the rest as errors.
					errors.incrementAndGet();
					done.countDown();
					continue;
				}
				int index = i;
				inflight.incrementAndGet();
				Thread.ofVirtual().start(() -> {
					Conn c = pool.pollFirst();
					try {
						if (c == null) {
							c = new Conn(t.address());
							connections.incrementAndGet();
						}
						int status = c.exchange(t.request());
						long end = System.nanoTime();
						if (status == 200) {
							latency[index] = end - intended;
							bodyBytes.set(c.bodyBytes);
						}
						else {
							errors.incrementAndGet();
						}
						if (c.open) {
							pool.offerFirst(c);
						}
						else {
							c.close();
						}
					}
					catch (IOException | RuntimeException ex) {
						errors.incrementAndGet();
						if (c != null) {
							c.close();
						}
					}
					finally {
						inflight.decrementAndGet();
						done.countDown();
					}
				});
			}
			done.await(seconds + TIMEOUT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS);
			double elapsed = (System.nanoTime() - start) / 1e9;
			cpu.end(elapsed);
			// Per-window p99 by intended send time.
			int perWindow = (int) Math.round(rate * windowSeconds);
			List<String> windows = new ArrayList<>();
			for (int from = 0; from < n; from += perWindow) {
				long[] w = Arrays.stream(latency, from, Math.min(n, from + perWindow)).filter(v -> v >= 0).sorted().toArray();
				windows.add(f3(percentile(w, 0.99)));
			}
			long[] sorted = Arrays.stream(latency).filter(v -> v >= 0).sorted().toArray();
			return new OpenResult(sorted, errors.get() + (n - sorted.length - errors.get()), n, seconds,
					String.join(" ", windows), bodyBytes.get(), connections.get(), cpu);
		}

		/** Closed loop: N workers, one keep-alive connection each; warm-up rounds, then the measured window. */
		static void closed(Map<String, String> o) throws Exception {
			Target t = Target.of(o);
			int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
			int warmup = Integer.parseInt(o.getOrDefault("warmup-seconds", "10"));
			int maxRounds = Integer.parseInt(o.getOrDefault("warmup-max-rounds", "5"));
			double tolerance = Double.parseDouble(o.getOrDefault("warmup-tolerance", "0.05"));
			int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
			int windowSeconds = Integer.parseInt(o.getOrDefault("window-seconds", "10"));
			List<String> match = o.containsKey("server-match") ? List.of(o.get("server-match").split(",")) : List.of();
			String metricsUrl = o.get("metrics-url");
			if (o.containsKey("metrics-session-file")) {
				Metrics.cookie = Files.readString(Path.of(o.get("metrics-session-file"))).trim();
			}
			check(t);
			out.printf("== %s, closed loop, concurrency %d: %s%n", t.label(), concurrency, t.description());
			List<Double> rps = new ArrayList<>();
			boolean settled = false;
			for (int round = 1; round <= maxRounds && warmup > 0; round++) {
				ClosedResult w = closedWindow(t, concurrency, warmup, windowSeconds, List.of());
				rps.add(w.rps());
				out.printf("   warm-up %d (%d s): %9.1f req/s, p99 %.3f ms, errors %d%n", round, warmup, w.rps(),
						percentile(w.sorted, 0.99), w.errors);
				if (rps.size() >= 2 && w.errors == 0) {
					double a = rps.get(rps.size() - 2), b = rps.getLast();
					if (Math.abs(a - b) <= tolerance * Math.max(a, b)) {
						settled = true;
						break;
					}
				}
			}
			String warm = String.join(",", rps.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList())
					+ (settled ? " (settled)" : " (not settled)");
			Map<String, Double> before = metricsUrl == null ? Map.of() : Metrics.scrape(metricsUrl);
			Metrics.Sampler sampler = metricsUrl == null ? null : Metrics.Sampler.start(metricsUrl);
			ClosedResult r = closedWindow(t, concurrency, seconds, windowSeconds, match);
			Map<String, String> ingestion = new LinkedHashMap<>();
			if (metricsUrl != null) {
				double maxDepth = sampler.stop();
				// The writer flushes every 150 ms: wait for the last batches before the second scrape.
				Thread.sleep(1500);
				Map<String, Double> after = Metrics.scrape(metricsUrl);
				ingestion = Metrics.ingestion(before, after, r.seconds + 1.5, r.sorted.length, maxDepth);
			}
			out.printf("   MEASURED closed c=%d for %d s: %.1f req/s, p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f ms,"
					+ " errors %d, body %d bytes; warm-up %s%n", concurrency, seconds, r.rps(), percentile(r.sorted, 0.5),
					percentile(r.sorted, 0.9), percentile(r.sorted, 0.99), percentile(r.sorted, 0.999),
					percentile(r.sorted, 1.0), r.errors, r.bodyBytes, warm);
			out.printf("   p99 per %d s window: %s ms%n", windowSeconds, r.windowP99s);
			if (!ingestion.isEmpty()) {
				out.printf("   access log during the window: %s%n", ingestion);
			}
			row(o, "closed", t.label(), concurrency, r.sorted, r.errors, r.seconds, r.windowP99s, r.bodyBytes, r.cpu,
					ingestion, warm);
		}

		record ClosedResult(long[] sorted, long errors, double seconds, String windowP99s, long bodyBytes, CpuMeter cpu) {

			double rps() {
				return seconds <= 0 ? 0 : sorted.length / seconds;
			}

		}

		static ClosedResult closedWindow(Target t, int workers, int seconds, int windowSeconds, List<String> match)
				throws Exception {
			long[][] latencies = new long[workers][];
			long[][] ends = new long[workers][];
			int[] counts = new int[workers];
			long[] errors = new long[workers];
			long[] body = new long[workers];
			CountDownLatch go = new CountDownLatch(1);
			long[] startAt = new long[1];
			List<Thread> threads = new ArrayList<>();
			long deadlineBox[] = new long[1];
			for (int w = 0; w < workers; w++) {
				int worker = w;
				threads.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
					long[] lat = new long[8192], end = new long[8192];
					int n = 0;
					Conn c = null;
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					long deadline = deadlineBox[0];
					while (System.nanoTime() < deadline && n < 20_000_000) {
						long t0 = System.nanoTime();
						try {
							if (c == null || !c.open) {
								if (c != null) {
									c.close();
								}
								c = new Conn(t.address());
							}
							int status = c.exchange(t.request());
							long t1 = System.nanoTime();
							if (status == 200) {
								if (n == lat.length) {
									lat = Arrays.copyOf(lat, n * 2);
									end = Arrays.copyOf(end, n * 2);
								}
								lat[n] = t1 - t0;
								end[n++] = t1;
								body[worker] = c.bodyBytes;
							}
							else {
								errors[worker]++;
							}
						}
						catch (IOException | RuntimeException ex) {
							errors[worker]++;
							if (c != null) {
								c.close();
							}
							c = null;
						}
					}
					if (c != null) {
						c.close();
					}
					latencies[worker] = lat;
					ends[worker] = end;
					counts[worker] = n;
				}));
			}
			CpuMeter cpu = new CpuMeter(match);
			cpu.begin();
			startAt[0] = System.nanoTime();
			deadlineBox[0] = startAt[0] + Duration.ofSeconds(seconds).toNanos();
			go.countDown();
			for (Thread th : threads) {
				th.join(Duration.ofSeconds(seconds).plus(TIMEOUT).plusSeconds(30));
			}
			double elapsed = (System.nanoTime() - startAt[0]) / 1e9;
			cpu.end(elapsed);
			int total = Arrays.stream(counts).sum();
			long[] all = new long[total];
			int windowsCount = Math.max(1, (seconds + windowSeconds - 1) / windowSeconds);
			List<List<Long>> perWindow = new ArrayList<>();
			for (int i = 0; i < windowsCount; i++) {
				perWindow.add(new ArrayList<>());
			}
			int at = 0;
			for (int w = 0; w < workers; w++) {
				if (latencies[w] == null) {
					continue;
				}
				for (int i = 0; i < counts[w]; i++) {
					all[at++] = latencies[w][i];
					int window = (int) Math.min(windowsCount - 1, (ends[w][i] - startAt[0]) / (windowSeconds * 1_000_000_000L));
					perWindow.get(window).add(latencies[w][i]);
				}
			}
			Arrays.sort(all);
			List<String> p99s = new ArrayList<>();
			for (var list : perWindow) {
				p99s.add(f3(percentile(list.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99)));
			}
			return new ClosedResult(all, Arrays.stream(errors).sum(), elapsed, String.join(" ", p99s),
					Arrays.stream(body).max().orElse(0), cpu);
		}

		/** One request first: it must answer 200. */
		static void check(Target t) throws IOException {
			try (Conn c = new Conn(t.address())) {
				int status = c.exchange(t.request());
				if (status != 200) {
					throw new IllegalStateException(t.label() + ": " + t.description() + " answered " + status);
				}
			}
		}

		static final String[] HEADER = { "shape", "label", "load", "requests", "errors", "seconds", "rps", "p50_ms",
				"p90_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms", "window_p99_ms", "body_bytes", "server_cpu_ms_per_req",
				"loadgen_cpu_ms_per_req", "other_cpu_cores", "warmup_rps", "accesslog" };

		static void row(Map<String, String> o, String shape, String label, double load, long[] sorted, long errors,
				double seconds, String windows, long bodyBytes, CpuMeter cpu, Map<String, String> accesslog, String warm)
				throws IOException {
			if (!o.containsKey("out")) {
				return;
			}
			int n = Math.max(1, sorted.length);
			double mean = sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(0) / 1e6;
			String line = String.join("\t", shape, label, String.format(Locale.ROOT, "%.0f", load),
					String.valueOf(sorted.length), String.valueOf(errors), f3(seconds), f3(sorted.length / seconds),
					f3(percentile(sorted, 0.5)), f3(percentile(sorted, 0.9)), f3(percentile(sorted, 0.99)),
					f3(percentile(sorted, 0.999)), f3(percentile(sorted, 1.0)), f3(mean), windows, String.valueOf(bodyBytes),
					cpu.serverSeconds() < 0 ? "-" : f3(cpu.serverSeconds() * 1000 / n), f3(cpu.clientSeconds() * 1000 / n),
					cpu.otherSeconds() < 0 ? "-" : f3(cpu.otherSeconds() / Math.max(1e-9, seconds)), warm,
					accesslog.isEmpty() ? "-" : String.join(";", accesslog.entrySet().stream()
						.map(e -> e.getKey() + "=" + e.getValue()).toList()));
			Path file = Path.of(o.get("out"));
			if (!Files.exists(file)) {
				Files.writeString(file, String.join("\t", HEADER) + "\n");
			}
			Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.APPEND);
		}

	}

	// ------------------------------------------------------------------------------------------
	// The access log's meters, from Prometheus text
	// ------------------------------------------------------------------------------------------

	static final class Metrics {

		static volatile String cookie;

		/** Meter name on /actuator/metrics -> {statistic -> key in Prometheus' naming}. */
		static final Map<String, Map<String, String>> METERS = Map.of(
				"gatehouse.accesslog.rows.written", Map.of("COUNT", "gatehouse_accesslog_rows_written_total"),
				"gatehouse.accesslog.caller.runs", Map.of("COUNT", "gatehouse_accesslog_caller_runs_total"),
				"gatehouse.accesslog.write.failures", Map.of("COUNT", "gatehouse_accesslog_write_failures_total"),
				"gatehouse.accesslog.queue.depth", Map.of("VALUE", "gatehouse_accesslog_queue_depth"),
				"gatehouse.accesslog.batch.duration", Map.of("COUNT", "gatehouse_accesslog_batch_duration_seconds_count",
						"TOTAL_TIME", "gatehouse_accesslog_batch_duration_seconds_sum", "MAX",
						"gatehouse_accesslog_batch_duration_seconds_max"));

		static final Pattern MEASUREMENT = Pattern.compile("\\{\\s*\"statistic\"\\s*:\\s*\"([A-Z_]+)\"\\s*,\\s*\"value\"\\s*:\\s*([-0-9.Ee+]+)");

		/** The access log's meters (base URL .../actuator/metrics), keyed as Prometheus would name them. */
		static Map<String, Double> scrape(String url) {
			return scrape(url, METERS.keySet());
		}

		static Map<String, Double> scrape(String url, java.util.Collection<String> names) {
			Map<String, Double> m = new TreeMap<>();
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			for (String name : names) {
				try {
					URI uri = URI.create(url + "/" + name);
					checkLoopback(uri);
					var builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET();
					if (cookie != null) {
						builder.header("Cookie", cookie);
					}
					HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() != 200) {
						continue;
					}
					Matcher x = MEASUREMENT.matcher(r.body());
					while (x.find()) {
						String key = METERS.get(name).get(x.group(1));
						if (key != null) {
							m.put(key, Double.parseDouble(x.group(2)));
						}
					}
				}
				catch (Exception ex) {
					out.println("   (metrics: " + url + "/" + name + " failed: " + ex + ")");
				}
			}
			return m;
		}

		static Map<String, String> ingestion(Map<String, Double> before, Map<String, Double> after, double seconds,
				long requests, double maxDepth) {
			Map<String, String> r = new LinkedHashMap<>();
			if (after.isEmpty()) {
				return r;
			}
			double rows = delta(before, after, "gatehouse_accesslog_rows_written_total");
			r.put("rows_written", String.format(Locale.ROOT, "%.0f", rows));
			r.put("rows_per_s", String.format(Locale.ROOT, "%.1f", rows / seconds));
			r.put("requests", String.valueOf(requests));
			double batches = delta(before, after, "gatehouse_accesslog_batch_duration_seconds_count");
			double batchSeconds = delta(before, after, "gatehouse_accesslog_batch_duration_seconds_sum");
			r.put("batches", String.format(Locale.ROOT, "%.0f", batches));
			r.put("batch_mean_ms", batches > 0 ? f3(batchSeconds * 1000 / batches) : "-");
			Double max = after.get("gatehouse_accesslog_batch_duration_seconds_max");
			r.put("batch_max_ms", max == null ? "-" : f3(max * 1000));
			r.put("queue_depth_max", String.format(Locale.ROOT, "%.0f", maxDepth));
			Double depth = after.get("gatehouse_accesslog_queue_depth");
			r.put("queue_depth_end", depth == null ? "-" : String.format(Locale.ROOT, "%.0f", depth));
			r.put("caller_runs", String.format(Locale.ROOT, "%.0f", delta(before, after, "gatehouse_accesslog_caller_runs_total")));
			r.put("write_failures",
					String.format(Locale.ROOT, "%.0f", delta(before, after, "gatehouse_accesslog_write_failures_total")));
			return r;
		}

		static double delta(Map<String, Double> a, Map<String, Double> b, String key) {
			return b.getOrDefault(key, Double.NaN) - a.getOrDefault(key, 0.0);
		}

		/** Samples the queue depth once a second during the window. */
		static final class Sampler {

			final Thread thread;

			volatile boolean stop;

			volatile double max = Double.NaN;

			private Sampler(String url) {
				thread = Thread.ofPlatform().daemon().start(() -> {
					for (int i = 0; i < 3600 && !stop; i++) {
						Double d = scrape(url, List.of("gatehouse.accesslog.queue.depth")).get("gatehouse_accesslog_queue_depth");
						if (d != null) {
							max = Double.isNaN(max) ? d : Math.max(max, d);
						}
						LockSupport.parkNanos(1_000_000_000L);
					}
				});
			}

			static Sampler start(String url) {
				return new Sampler(url);
			}

			double stop() throws InterruptedException {
				stop = true;
				thread.join(10_000);
				return max;
			}

		}

	}

	// ------------------------------------------------------------------------------------------
	// report: the tables of one run
	// ------------------------------------------------------------------------------------------

	static final class Report {

		static final List<String> ORDER = List.of("direct", "nginx", "gateway-listener", "gateway-apache", "gateway-jdk");

		static void print(Path dir) throws IOException {
			List<Map<String, String>> rows = new ArrayList<>();
			Path file = dir.resolve("gateway.tsv");
			if (!Files.exists(file)) {
				out.println("(no gateway.tsv in " + dir + ")");
				return;
			}
			List<String> lines = Files.readAllLines(file);
			String[] header = lines.getFirst().split("\t", -1);
			for (String line : lines.subList(1, lines.size())) {
				String[] v = line.split("\t", -1);
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.length && i < v.length; i++) {
					row.put(header[i], v[i]);
				}
				rows.add(row);
			}
			var open = pick(rows, "open", null);
			var c8 = pick(rows, "closed", "8");
			var c32 = pick(rows, "closed", "32");
			String rate = open.values().stream().findFirst().map(r -> r.get("load")).orElse("?");

			out.println("### Summary");
			out.println();
			out.printf("| target | p50 (ms) @%s/s | p99 (ms) @%s/s | added p99 vs direct (ms) | added p99 vs nginx (ms) |"
					+ " req/s c=8 | req/s c=32 | c=32 ratio vs nginx | c=32 ratio vs direct |%n", rate, rate);
			out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
			for (String l : ORDER) {
				var o = open.get(l);
				out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", l, v(o, "p50_ms"), v(o, "p99_ms"),
						diff(o, open.get("direct"), "p99_ms"), diff(o, open.get("nginx"), "p99_ms"), v1(c8.get(l), "rps"),
						v1(c32.get(l), "rps"), ratio(c32.get(l), c32.get("nginx"), "rps"),
						ratio(c32.get(l), c32.get("direct"), "rps"));
			}
			out.println();
			out.println("Ratios at c=8: " + String.join("; ", ORDER.stream().skip(2)
				.map(l -> l + " / nginx " + ratio(c8.get(l), c8.get("nginx"), "rps") + ", / direct "
						+ ratio(c8.get(l), c8.get("direct"), "rps"))
				.toList()));
			out.println();
			out.println("### Moderate load (open loop, latency from the intended send time)");
			out.println();
			out.println("| target | achieved req/s | p50 | p90 | p99 | p99.9 | max (ms) | errors | body bytes | p99 per 10 s window (ms) | server CPU ms/req | load-gen CPU ms/req | other processes (cores) |");
			out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
			for (String l : ORDER) {
				var o = open.get(l);
				out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", l, v1(o, "rps"), v(o, "p50_ms"),
						v(o, "p90_ms"), v(o, "p99_ms"), v(o, "p999_ms"), v(o, "max_ms"), s(o, "errors"), s(o, "body_bytes"),
						s(o, "window_p99_ms"), v(o, "server_cpu_ms_per_req"), v(o, "loadgen_cpu_ms_per_req"),
						v(o, "other_cpu_cores"));
			}
			for (var entry : List.of(Map.entry("8", c8), Map.entry("32", c32))) {
				out.println();
				out.printf("### Throughput, closed loop, concurrency %s%n%n", entry.getKey());
				out.println("| target | req/s | p50 | p99 | p99.9 (ms) | errors | p99 per 10 s window (ms) | server CPU ms/req | load-gen CPU ms/req | other processes (cores) | warm-up rounds (req/s) |");
				out.println("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
				for (String l : ORDER) {
					var o = entry.getValue().get(l);
					out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", l, v1(o, "rps"), v(o, "p50_ms"),
							v(o, "p99_ms"), v(o, "p999_ms"), s(o, "errors"), s(o, "window_p99_ms"), v(o, "server_cpu_ms_per_req"),
							v(o, "loadgen_cpu_ms_per_req"), v(o, "other_cpu_cores"), s(o, "warmup_rps"));
				}
			}
			out.println();
			out.println("### Access log ingestion during the throughput windows (the access log's meters, from /actuator/metrics)");
			out.println();
			for (var entry : List.of(Map.entry("8", c8), Map.entry("32", c32))) {
				for (String l : List.of("gateway-listener", "gateway-apache", "gateway-jdk")) {
					var o = entry.getValue().get(l);
					if (o != null) {
						out.printf("- %s, c=%s: %s%n", l, entry.getKey(), s(o, "accesslog").replace(";", ", "));
					}
				}
			}
			out.println();
			out.println("### Targets");
			out.println();
			for (String l : List.of("gateway-listener", "gateway-apache", "gateway-jdk")) {
				if (open.get(l) == null && c8.get(l) == null) {
					continue; // not measured in this run
				}
				double addDirect = num(diff(open.get(l), open.get("direct"), "p99_ms"));
				double addNginx = num(diff(open.get(l), open.get("nginx"), "p99_ms"));
				double r8 = num(ratio(c8.get(l), c8.get("nginx"), "rps")), r32 = num(ratio(c32.get(l), c32.get("nginx"), "rps"));
				out.printf(Locale.ROOT, "- %s: added p99 at %s req/s %.3f ms vs direct, %.3f ms vs nginx (target <= 1 ms: %s);"
						+ " throughput vs nginx %.2f at c=8, %.2f at c=32 (target >= 0.5: %s)%n", l, rate, addDirect, addNginx,
						addDirect <= 1.0 ? "MET" : "NOT MET", r8, r32, r8 >= 0.5 && r32 >= 0.5 ? "MET" : "NOT MET");
			}
		}

		static Map<String, Map<String, String>> pick(List<Map<String, String>> rows, String shape, String load) {
			Map<String, Map<String, String>> m = new LinkedHashMap<>();
			for (var r : rows) {
				if (shape.equals(r.get("shape")) && (load == null || load.equals(r.get("load")))) {
					m.put(r.get("label"), r); // the last one of a label wins
				}
			}
			return m;
		}

		static String s(Map<String, String> r, String k) {
			return r == null ? "-" : r.getOrDefault(k, "-");
		}

		static String v(Map<String, String> r, String k) {
			double x = r == null ? Double.NaN : num(r.get(k));
			return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
		}

		static String v1(Map<String, String> r, String k) {
			double x = r == null ? Double.NaN : num(r.get(k));
			return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.0f", x);
		}

		static String diff(Map<String, String> a, Map<String, String> b, String k) {
			if (a == null || b == null) {
				return "-";
			}
			double x = num(a.get(k)) - num(b.get(k));
			return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
		}

		static String ratio(Map<String, String> a, Map<String, String> b, String k) {
			if (a == null || b == null) {
				return "-";
			}
			double x = num(a.get(k)), y = num(b.get(k));
			return Double.isNaN(x) || Double.isNaN(y) || y == 0 ? "-" : String.format(Locale.ROOT, "%.2f", x / y);
		}

		static double num(String s) {
			try {
				return Double.parseDouble(s);
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		}

	}

	// ------------------------------------------------------------------------------------------
	// Helpers
	// ------------------------------------------------------------------------------------------

	/** Nearest-rank percentile in ms over sorted nanoseconds. */
	static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
	}

	static void checkLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
			throw new IllegalArgumentException("refusing a non-loopback address: " + uri);
		}
	}

	static String jsonString(String json, String name) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return m.find() ? m.group(1) : null;
	}

	static final SecureRandom RANDOM = new SecureRandom();

	static String random(int bytes) {
		byte[] b = new byte[bytes];
		RANDOM.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	static String form(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String snippet(String s) {
		String t = s == null ? "" : s.replaceAll("\\s+", " ");
		return t.length() > 300 ? t.substring(0, 300) + "..." : t;
	}

	static String f3(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
	}

}
