/*
 * Webhook fan-out benchmark: Gatehouse's privacy requests and webhook outbox delivering to local receivers.
 * Driven by bench/webhook-fanout.sh; JDK 25 only, with bench/CpuMeter.java and bench/Totp.java (the source
 * launcher compiles them with this file):
 *
 *   java bench/FanoutBench.java seed --base URL --logins DATA_DIR/demo-logins.tsv --apps N --ports P1,P2,...
 *                                    --out DIR [--concurrency 4]
 *       the demo developer (Dana, Northwind Apps) signs in (password, TOTP), makes a personal access token
 *       (apps:read, apps:write) on her account page, and through the developer JSON API creates N apps and
 *       has Gatehouse issue each one's webhook signing secret (POST /api/v1/apps/{id}/webhook-secret, the
 *       whsec_ secret is in that answer only). Writes DIR/apps.tsv (index, app id, receiver URL, secret;
 *       owner-only) and DIR/apps-urls.tsv (app id, receiver URL) for the SQL step.
 *   java bench/FanoutBench.java run --base URL --logins FILE --account UUID --apps DIR/apps.tsv --ports P1,...
 *                                   --subjects fanout-subject- --stream M --label L [--server-match A,B]
 *                                   [--baseline-deliveries N] [--timeout-seconds 600]
 *       runs the receivers (JDK HttpServer on each port, a virtual thread per exchange; every delivery's
 *       Standard Webhooks signature is checked with its app's secret), then
 *       (0) the baseline: this program posts signed payloads of the same shape straight to the receivers,
 *           5 connections per port and 50 in all (Gatehouse's outbound pool), closed loop;
 *       (1) one erasure filed by the customer admin on the privacy page (session, CSRF): time from filing
 *           to each valid delivery;
 *       (2) M erasures filed back to back (subjects 2..M+1): sustained deliveries per second;
 *       and prints a markdown section with the figures, CPU (server incl. PostgreSQL, this program, others),
 *       duplicates and losses.
 *
 * Only loopback addresses are accepted; every loop is bounded in time and count; every request has a timeout.
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class FanoutBench {

	static final PrintStream out = System.out;

	/** Per request; filing an erasure to 1,000 apps is one transaction of a few thousand rows. */
	static final Duration TIMEOUT = Duration.ofSeconds(120);

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: java FanoutBench.java seed|run ... (see the header of this file)");
			System.exit(2);
		}
		Map<String, String> o = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			o.put(args[i].substring(2), args[++i]);
		}
		switch (args[0]) {
			case "seed" -> Seed.run(o);
			case "run" -> Run.run(o);
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
		System.exit(0);
	}

	static String req(Map<String, String> o, String k) {
		String v = o.get(k);
		if (v == null) {
			throw new IllegalArgumentException("missing --" + k);
		}
		return v;
	}

	static List<Integer> ports(Map<String, String> o) {
		return Arrays.stream(req(o, "ports").split(",")).map(String::trim).map(Integer::parseInt).toList();
	}

	// ------------------------------------------------------------------------------------------
	// Browser-ish helpers: sessions, forms
	// ------------------------------------------------------------------------------------------

	static final class Browser {

		final URI base;

		final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		final HttpClient http;

		Browser(URI base) {
			checkLoopback(base);
			this.base = base;
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
		}

		HttpResponse<String> get(String path) throws Exception {
			return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, Map<String, List<String>> fields) throws Exception {
			StringBuilder body = new StringBuilder();
			fields.forEach((k, vs) -> vs.forEach(v -> body.append(body.isEmpty() ? "" : "&").append(form(k)).append('=')
				.append(form(v))));
			return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
		}

		/** Password sign-in, and the TOTP step when the account has one. */
		void login(String email, String password, String totpSecret) throws Exception {
			String csrf = csrf(get("/login").body());
			HttpResponse<String> r = post("/login", fields("_csrf", csrf, "username", email, "password", password));
			for (int step = 0; step < 6 && r.statusCode() / 100 == 3; step++) {
				String location = r.headers().firstValue("Location").orElseThrow();
				if (location.contains("error")) {
					throw new IllegalStateException("login refused for " + email + ": " + location);
				}
				URI next = base.resolve(location);
				r = get(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
				if (r.statusCode() == 200 && next.getPath().equals("/login/second-factor")) {
					if (totpSecret == null) {
						throw new IllegalStateException("a second factor is asked for " + email + " but none is known");
					}
					r = post(next.getPath(), fields("_csrf", csrf(r.body()), "code",
							Totp.code(totpSecret, System.currentTimeMillis() / 30_000)));
				}
			}
		}

	}

	static Map<String, List<String>> fields(String... kv) {
		Map<String, List<String>> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
		}
		return m;
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
		if (!m.find()) {
			m = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(html);
			if (!m.find()) {
				throw new IllegalStateException("no _csrf field in the page: " + snippet(html));
			}
		}
		return m.group(1).replace("&#45;", "-");
	}

	/** email, password, role, TOTP secret ("-" for none) of the first login whose role starts with the prefix. */
	static String[] demoLogin(Path logins, String rolePrefix) throws IOException {
		return Files.readAllLines(logins).stream().map(l -> l.split("\t"))
			.filter(p -> p.length == 4 && p[2].startsWith(rolePrefix)).findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + rolePrefix + " login in " + logins));
	}

	static String form(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String snippet(String s) {
		s = s == null ? "" : s.replaceAll("\\s+", " ");
		return s.length() > 300 ? s.substring(0, 300) + "…" : s;
	}

	static String jsonString(String json, String key) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return m.find() ? m.group(1) : null;
	}

	static void checkLoopback(URI uri) {
		try {
			if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
				throw new IllegalArgumentException("only loopback targets: " + uri);
			}
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host " + uri, ex);
		}
	}

	// ------------------------------------------------------------------------------------------
	// seed: apps made through the developer API, each with a signing secret Gatehouse issued
	// ------------------------------------------------------------------------------------------

	static final class Seed {

		static void run(Map<String, String> o) throws Exception {
			URI base = URI.create(req(o, "base"));
			int n = Integer.parseInt(req(o, "apps"));
			List<Integer> ports = ports(o);
			Path dir = Path.of(req(o, "out"));
			int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "4"));
			String[] dana = demoLogin(Path.of(req(o, "logins")), "developer");
			Browser browser = new Browser(base);
			browser.login(dana[0], dana[1], "-".equals(dana[3]) ? null : dana[3]);
			// A personal access token with apps:read and apps:write, made on the account page as a developer would.
			String page = browser.get("/account/security").body();
			HttpResponse<String> made = browser.post("/account/tokens", fields("_csrf", csrf(page), "name",
					"fanout-bench-" + System.currentTimeMillis(), "scopes", "apps:read", "scopes", "apps:write", "days", "1"));
			Matcher tm = Pattern.compile("id=\"new-token\"[^>]*>([^<]+)<").matcher(made.body());
			if (made.statusCode() != 200 || !tm.find()) {
				throw new IllegalStateException("no personal access token: HTTP " + made.statusCode() + " " + snippet(made.body()));
			}
			String token = tm.group(1).trim();
			HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
				.build();
			String apps = call(api, token, base.resolve("/api/v1/apps"), null, 200);
			Matcher om = Pattern.compile("\"organizationId\"\\s*:\\s*\"([0-9a-f-]{36})\"\\s*,\\s*\"name\"\\s*:\\s*\"Northwind Reminders\"")
				.matcher(apps);
			if (!om.find()) {
				throw new IllegalStateException("Northwind Reminders not among Dana's apps: " + snippet(apps));
			}
			String org = om.group(1);
			String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
			String[] lines = new String[n];
			AtomicInteger done = new AtomicInteger();
			long t0 = System.nanoTime();
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				List<Future<?>> futures = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					int index = i;
					futures.add(pool.submit(() -> {
						String name = String.format(Locale.ROOT, "Fanout %s %04d", run, index);
						String host = String.format(Locale.ROOT, "fanout-%s-%04d.bench.example", run, index);
						String created = call(api, token, base.resolve("/api/v1/organizations/" + org + "/apps"),
								draft(name, host), 201);
						Matcher im = Pattern.compile("\"app\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created);
						if (!im.find()) {
							throw new IllegalStateException("no app id in " + snippet(created));
						}
						String appId = im.group(1);
						String issued = call(api, token, base.resolve("/api/v1/apps/" + appId + "/webhook-secret"), "", 201);
						String secret = jsonString(issued, "secret");
						if (secret == null || !secret.startsWith("whsec_")) {
							throw new IllegalStateException("no whsec_ secret in the answer for " + appId);
						}
						int port = ports.get(index % ports.size());
						lines[index] = index + "\t" + appId + "\thttp://127.0.0.1:" + port + "/hooks/" + index + "\t" + secret;
						int d = done.incrementAndGet();
						if (d % 250 == 0) {
							out.printf("  %d apps created%n", d);
						}
						return null;
					}));
				}
				for (Future<?> f : futures) {
					f.get();
				}
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			Files.createDirectories(dir);
			Path tsv = dir.resolve("apps.tsv");
			Files.writeString(tsv, "");
			Files.setPosixFilePermissions(tsv, PosixFilePermissions.fromString("rw-------"));
			Files.write(tsv, List.of(lines));
			Files.write(dir.resolve("apps-urls.tsv"), Arrays.stream(lines).map(l -> {
				String[] p = l.split("\t");
				return p[1] + "\t" + p[2];
			}).toList());
			out.printf("seed: %d apps of Northwind Apps created and given a webhook signing secret through the developer API"
					+ " in %.1f s (%d requests, concurrency %d)%n", n, seconds, 2 * n, concurrency);
		}

		static String call(HttpClient api, String token, URI uri, String body, int expected) throws Exception {
			var b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
				.header("Accept", "application/json");
			b = body == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
			HttpResponse<String> r = api.send(b.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != expected) {
				throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + snippet(r.body()));
			}
			return r.body();
		}

		/** A complete draft; the webhook URL is an https placeholder (the API refuses http), set to a receiver by SQL. */
		static String draft(String name, String host) {
			String site = "https://" + host;
			return """
					{"appType":"app","listing":{"name":"%s","tagline":"Benchmark app for webhook fan-out",
					 "description":"Receives privacy request webhooks in bench/webhook-fanout.sh.","category":"Messaging",
					 "website":"%s","privacyPolicyUrl":"%s/privacy","termsUrl":"%s/terms","supportEmail":"support@%s",
					 "supportUrl":"%s/support","setupUrl":"%s/setup"},
					 "redirectUris":["%s/oauth/callback"],"webhookUrl":"%s/webhooks",
					 "scopes":[{"scope":"appointments:read","justification":"Reads appointments to remind patients of them.","evidence":null}],
					 "dataUse":{"categories":[{"category":"appointments","purposes":["provide the service the clinic installed"],
					   "lawfulBasis":"CONTRACT","retention":"until the clinic uninstalls","storageRegion":"EU"}],
					   "sharesWithThirdParties":false,"sharingDescription":null,"sellsData":false,"sensitiveCategories":[],
					   "thirdPartySources":[],"handlesPayments":false,"paymentDescription":null},
					 "security":{"encryptionAtRest":true,"staffMfa":true,"loginAuditing":true,"incidentContact":"security@%s",
					   "lastPenetrationTest":"2026-08-01","notes":null}}"""
				.formatted(name, site, site, site, host, site, site, site, site, host);
		}

	}

	// ------------------------------------------------------------------------------------------
	// run: receivers, baseline, one erasure, a stream of erasures
	// ------------------------------------------------------------------------------------------

	/** One app's receiver state: its secret's key. */
	record App(int index, String id, String url, byte[] key) {
	}

	/** What the receivers saw for one subject (one erasure, or one baseline batch). */
	static final class Subject {

		final String name;

		final int index;

		final BitSet apps = new BitSet();

		final long[] arrivals;

		final AtomicInteger valid = new AtomicInteger();

		volatile long filedAt;

		Subject(String name, int index, int expected) {
			this.name = name;
			this.index = index;
			this.arrivals = new long[expected];
		}

	}

	static final class Receivers {

		final List<App> apps;

		final List<HttpServer> servers = new ArrayList<>();

		final Map<String, Subject> subjects = new ConcurrentHashMap<>();

		final Map<String, Boolean> ids = new ConcurrentHashMap<>();

		final AtomicLong received = new AtomicLong();

		final AtomicLong invalid = new AtomicLong();

		final AtomicLong duplicateIds = new AtomicLong();

		final AtomicLong duplicatePairs = new AtomicLong();

		final AtomicLong unexpected = new AtomicLong();

		final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

		final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
			try {
				return Mac.getInstance("HmacSHA256");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		static final Pattern SUBJECT = Pattern.compile("\"subjectIds\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

		Receivers(List<App> apps, List<Integer> ports) throws IOException {
			this.apps = apps;
			for (int port : ports) {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
				server.createContext("/hooks/", this::handle);
				server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
				server.start();
				servers.add(server);
			}
		}

		Subject expect(String name, int index) {
			Subject s = new Subject(name, index, apps.size());
			subjects.put(name, s);
			return s;
		}

		void handle(HttpExchange exchange) throws IOException {
			long now = System.nanoTime();
			try (exchange) {
				byte[] body = exchange.getRequestBody().readAllBytes();
				received.incrementAndGet();
				String problem = check(exchange, body, now);
				if (problem != null) {
					invalid.incrementAndGet();
					if (problems.size() < 20) {
						problems.add(problem);
					}
				}
				// 2xx either way: a wrong delivery counts as an error here, not as a retry for Gatehouse.
				exchange.sendResponseHeaders(204, -1);
			}
		}

		String check(HttpExchange exchange, byte[] body, long now) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				return "method " + exchange.getRequestMethod();
			}
			String path = exchange.getRequestURI().getPath();
			int index;
			try {
				index = Integer.parseInt(path.substring("/hooks/".length()));
			}
			catch (NumberFormatException ex) {
				return "path " + path;
			}
			if (index < 0 || index >= apps.size()) {
				return "no app " + index;
			}
			App app = apps.get(index);
			if (exchange.getLocalAddress().getPort() != URI.create(app.url()).getPort()) {
				return "app " + index + " on the wrong port " + exchange.getLocalAddress().getPort();
			}
			var h = exchange.getRequestHeaders();
			String id = h.getFirst("webhook-id"), ts = h.getFirst("webhook-timestamp"), sig = h.getFirst("webhook-signature");
			if (id == null || ts == null || sig == null) {
				return "missing webhook headers";
			}
			long timestamp;
			try {
				timestamp = Long.parseLong(ts);
			}
			catch (NumberFormatException ex) {
				return "bad timestamp " + ts;
			}
			if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
				return "timestamp outside 5 minutes: " + ts;
			}
			String payload = new String(body, StandardCharsets.UTF_8);
			Mac mac = macs.get();
			try {
				mac.init(new SecretKeySpec(app.key(), "HmacSHA256"));
			}
			catch (java.security.InvalidKeyException ex) {
				return "bad key";
			}
			String expected = "v1," + Base64.getEncoder().encodeToString(
					mac.doFinal((id + "." + ts + "." + payload).getBytes(StandardCharsets.UTF_8)));
			boolean signed = false;
			for (String one : sig.split(" ")) {
				signed |= java.security.MessageDigest.isEqual(one.getBytes(StandardCharsets.US_ASCII),
						expected.getBytes(StandardCharsets.US_ASCII));
			}
			if (!signed) {
				return "signature does not verify with app " + index + "'s secret (id " + id + ")";
			}
			if (!payload.contains("\"type\":\"subject.erasure_requested\"")) {
				return "not an erasure: " + snippet(payload);
			}
			Matcher m = SUBJECT.matcher(payload);
			Subject subject = m.find() ? subjects.get(m.group(1)) : null;
			if (subject == null) {
				unexpected.incrementAndGet();
				return "a subject this run did not file: " + snippet(payload);
			}
			if (ids.putIfAbsent(id, Boolean.TRUE) != null) {
				duplicateIds.incrementAndGet();
				return null;
			}
			synchronized (subject) {
				if (subject.apps.get(index)) {
					duplicatePairs.incrementAndGet();
					return null;
				}
				subject.apps.set(index);
				subject.arrivals[subject.valid.getAndIncrement()] = now;
			}
			return null;
		}

		void stop() {
			servers.forEach(s -> s.stop(0));
		}

	}

	static final class Run {

		static void run(Map<String, String> o) throws Exception {
			URI base = URI.create(req(o, "base"));
			checkLoopback(base);
			List<Integer> ports = ports(o);
			String label = o.getOrDefault("label", "defaults");
			String prefix = o.getOrDefault("subjects", "fanout-subject-");
			int stream = Integer.parseInt(o.getOrDefault("stream", "5"));
			int timeout = Integer.parseInt(o.getOrDefault("timeout-seconds", "600"));
			int baselineN = Integer.parseInt(o.getOrDefault("baseline-deliveries", "0"));
			List<String> match = o.containsKey("server-match") ? List.of(o.get("server-match").split(",")) : List.of();
			List<App> apps = Files.readAllLines(Path.of(req(o, "apps"))).stream().filter(l -> !l.isBlank()).map(l -> {
				String[] p = l.split("\t");
				return new App(Integer.parseInt(p[0]), p[1], p[2], Base64.getDecoder().decode(p[3].substring("whsec_".length())));
			}).toList();
			for (int i = 0; i < apps.size(); i++) {
				if (apps.get(i).index() != i) {
					throw new IllegalStateException("apps.tsv out of order at line " + (i + 1));
				}
			}
			int n = apps.size();
			Receivers receivers = new Receivers(apps, ports);
			StringBuilder md = new StringBuilder();
			try {
				String[] owner = demoLogin(Path.of(req(o, "logins")), "customer / customer_admin");
				Browser admin = new Browser(base);
				admin.login(owner[0], owner[1], null);
				String account = req(o, "account");
				String privacyPath = "/customer-accounts/" + account + "/privacy";
				if (admin.get(privacyPath).statusCode() != 200) {
					throw new IllegalStateException("the customer admin cannot open " + privacyPath);
				}

				// (0) baseline: the receivers' own capacity with Gatehouse's pool shape.
				Baseline baseline = null;
				if (baselineN > 0) {
					baseline = Baseline.measure(receivers, apps, ports, account, baselineN, match);
					out.printf("[%s] baseline: %d deliveries in %.2f s = %.0f/s, p50 %.2f ms, p99 %.2f ms%n", label,
							baseline.deliveries, baseline.seconds, baseline.deliveries / baseline.seconds, baseline.p50, baseline.p99);
				}

				// (1) one erasure to every app.
				Subject one = receivers.expect(prefix + "0001", 1);
				CpuMeter cpu1 = new CpuMeter(match);
				cpu1.begin();
				long filedAt = System.nanoTime();
				one.filedAt = filedAt;
				long answered = file(admin, privacyPath, one.name) - filedAt;
				boolean complete1 = await(List.of(one), n, timeout);
				long last1 = one.valid.get() > 0 ? one.arrivals[one.valid.get() - 1] : filedAt;
				cpu1.end((last1 - filedAt) / 1e9);
				long[] lat1 = latencies(one, filedAt);
				int inPhase1 = lat1.length;
				out.printf("[%s] one erasure: %d of %d valid deliveries%s, filing answered after %.0f ms, last after %.2f s,"
						+ " p50 %.2f s, p99 %.2f s%n", label, one.valid.get(), n, complete1 ? "" : " (TIMED OUT)", answered / 1e6,
						(last1 - filedAt) / 1e9, pct(lat1, 50) / 1e9, pct(lat1, 99) / 1e9);

				// (2) a stream of erasures filed back to back.
				List<Subject> streamed = new ArrayList<>();
				for (int k = 0; k < stream; k++) {
					streamed.add(receivers.expect(String.format(Locale.ROOT, "%s%04d", prefix, k + 2), k + 2));
				}
				CpuMeter cpu2 = new CpuMeter(match);
				cpu2.begin();
				long start2 = System.nanoTime();
				long filingNanos = 0;
				String filingFailure = null;
				for (Subject s : streamed) {
					s.filedAt = System.nanoTime();
					try {
						filingNanos += file(admin, privacyPath, s.name) - s.filedAt;
					}
					catch (Exception ex) {
						// Reported, not fatal: the single erasure's figures and what arrives are still measured.
						filingFailure = String.format(Locale.ROOT, "filing %s failed after %.1f s: %s", s.name,
								(System.nanoTime() - s.filedAt) / 1e9, ex);
						out.println(filingFailure);
						break;
					}
				}
				long filedAll = System.nanoTime();
				boolean complete2 = await(streamed, n, timeout);
				long[] all = streamed.stream().flatMapToLong(s -> Arrays.stream(s.arrivals, 0, s.valid.get())).sorted().toArray();
				long end2 = all.length == 0 ? System.nanoTime() : all[all.length - 1];
				cpu2.end((end2 - start2) / 1e9);
				// The steady part: between the 10th and the 90th percentile of arrivals.
				int lo = (int) (all.length * 0.10), hi = Math.max(lo, (int) (all.length * 0.90) - 1);
				double steady = all.length < 10 ? 0 : (hi - lo) / ((all[hi] - all[lo]) / 1e9);
				// A grace period for late duplicates.
				Thread.sleep(Duration.ofSeconds(Integer.parseInt(o.getOrDefault("grace-seconds", "5"))));

				int expected1 = n, expected2 = n * stream;
				int got1 = inPhase1, got1Late = one.valid.get() - inPhase1, got2 = streamed.stream().mapToInt(s -> s.valid.get()).sum();
				double total2 = (end2 - start2) / 1e9;
				md.append("#### ").append(label).append("\n\n");
				if (baseline != null) {
					md.append(String.format(Locale.ROOT,
							"- **Baseline** (this program posting signed payloads of the same shape straight to the receivers,"
									+ " %d connections per port on %d ports = %d in flight, closed loop): %d deliveries in %.2f s ="
									+ " **%.0f deliveries/s**, p50 %.2f ms, p99 %.2f ms per request; errors %d; CPU: this program"
									+ " (sender + receivers) %.3f ms per delivery, server %.3f ms, other processes %.2f cores%n",
							Baseline.PER_PORT, ports.size(), Baseline.PER_PORT * ports.size(), baseline.deliveries, baseline.seconds,
							baseline.deliveries / baseline.seconds, baseline.p50, baseline.p99, baseline.errors,
							baseline.cpu.clientSeconds() * 1000 / baseline.deliveries,
							baseline.cpu.serverSeconds() * 1000 / baseline.deliveries, cores(baseline.cpu)));
				}
				md.append(String.format(Locale.ROOT,
						"- **One erasure to %d apps** (customer admin's page POST with session and CSRF; answered after %.0f ms):"
								+ " %d of %d valid deliveries within the phase%s; first after %.0f ms, the %d-th after **%.2f s**; latency from filing"
								+ " p50 **%.2f s**, p99 **%.2f s**; %.1f deliveries/s from filing to the last; CPU per delivery:"
								+ " server (incl. PostgreSQL) %.2f ms, receivers %.3f ms; other processes %.2f cores%n",
						n, answered / 1e6, got1, expected1, complete1 ? "" : " (TIMED OUT)", lat1.length == 0 ? 0 : lat1[0] / 1e6,
						got1, (last1 - filedAt) / 1e9, pct(lat1, 50) / 1e9, pct(lat1, 99) / 1e9, got1 / ((last1 - filedAt) / 1e9),
						cpu1.serverSeconds() * 1000 / Math.max(1, got1), cpu1.clientSeconds() * 1000 / Math.max(1, got1), cores(cpu1)));
				if (filingFailure != null) {
					md.append("- **Filing failed in the stream**: ").append(filingFailure).append('\n');
				}
				md.append(String.format(Locale.ROOT,
						"- **Sustained, %d erasures filed back to back** (%d deliveries expected; filing took %.1f s in all, %.0f ms"
								+ " per request on average): %d valid deliveries in %.1f s from the first filing to the last delivery ="
								+ " **%.1f deliveries/s**; steady rate (10th to 90th percentile of arrivals) **%.1f deliveries/s**%s;"
								+ " CPU per delivery: server (incl. PostgreSQL) %.2f ms (%.2f cores), receivers %.3f ms; other"
								+ " processes %.2f cores%n",
						stream, expected2, (filedAll - start2) / 1e9, filingNanos / 1e6 / Math.max(1, stream), got2, total2,
						got2 / total2, steady, complete2 ? "" : " (TIMED OUT)", cpu2.serverSeconds() * 1000 / Math.max(1, got2),
						cpu2.serverSeconds() / total2, cpu2.clientSeconds() * 1000 / Math.max(1, got2), cores(cpu2)));
				if (baseline != null) {
					md.append(String.format(Locale.ROOT, "- Ratio to the baseline: sustained %.4f, steady %.4f%n",
							got2 / total2 / (baseline.deliveries / baseline.seconds), steady / (baseline.deliveries / baseline.seconds)));
				}
				if (got1Late > 0) {
					md.append(String.format(Locale.ROOT, "- %d more deliveries of the single erasure arrived after its phase (during the"
							+ " stream), %d of %d by the end%n", got1Late, got1 + got1Late, expected1));
				}
				md.append(String.format(Locale.ROOT,
						"- Received %d requests in all: invalid %d (bad signature, wrong port, unknown subject: %d unknown), duplicate"
								+ " webhook-ids %d, a second delivery to the same app for the same erasure %d; lost (expected minus"
								+ " valid, after %s s of grace): %d in the single erasure, %d in the stream%n",
						receivers.received.get(), receivers.invalid.get(), receivers.unexpected.get(), receivers.duplicateIds.get(),
						receivers.duplicatePairs.get(), o.getOrDefault("grace-seconds", "5"), expected1 - got1 - got1Late, expected2 - got2));
				if (!receivers.problems.isEmpty()) {
					md.append("- First problems: ").append(String.join("; ", receivers.problems.subList(0, Math.min(5,
							receivers.problems.size())))).append('\n');
				}
				md.append('\n');
				// Arrival profile of the single erasure: deliveries per second after filing.
				md.append("Arrivals of the single erasure per second after filing: ");
				int[] perSecond = new int[(int) (Math.max(0, last1 - filedAt) / 1_000_000_000L) + 1];
				for (long l : lat1) {
					perSecond[(int) (l / 1_000_000_000L)]++;
				}
				md.append(Arrays.toString(perSecond)).append("\n\n");
				out.print(md);
				if (o.containsKey("out")) {
					Files.writeString(Path.of(o.get("out")), md.toString(), java.nio.file.StandardOpenOption.CREATE,
							java.nio.file.StandardOpenOption.APPEND);
				}
				if (!complete1 || !complete2) {
					System.exit(3);
				}
			}
			finally {
				receivers.stop();
			}
		}

		/** Files an erasure on the customer privacy page; @return System.nanoTime() when the answer arrived. */
		static long file(Browser admin, String path, String subject) throws Exception {
			String csrf = csrf(admin.get(path).body());
			HttpResponse<String> r = admin.post(path, fields("_csrf", csrf, "kind", "ERASURE", "subjectIds", subject));
			long at = System.nanoTime();
			if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith(path)) {
				throw new IllegalStateException("filing answered " + r.statusCode() + ": " + snippet(r.body()));
			}
			return at;
		}

		static boolean await(List<Subject> subjects, int n, int timeoutSeconds) throws InterruptedException {
			long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
			while (System.nanoTime() < deadline) {
				if (subjects.stream().allMatch(s -> s.valid.get() >= n)) {
					return true;
				}
				Thread.sleep(20);
			}
			return false;
		}

		static long[] latencies(Subject s, long from) {
			return Arrays.stream(s.arrivals, 0, s.valid.get()).map(a -> a - from).sorted().toArray();
		}

	}

	static long pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
	}

	static double cores(CpuMeter cpu) {
		return cpu.seconds <= 0 || cpu.otherSeconds() < 0 ? -1 : cpu.otherSeconds() / cpu.seconds;
	}

	// ------------------------------------------------------------------------------------------
	// Baseline: the receivers' capacity, same payloads and signatures, Gatehouse's pool shape
	// ------------------------------------------------------------------------------------------

	static final class Baseline {

		static final int PER_PORT = 5;

		int deliveries;

		int errors;

		double seconds, p50, p99;

		CpuMeter cpu;

		static Baseline measure(Receivers receivers, List<App> apps, List<Integer> ports, String account, int total,
				List<String> match) throws Exception {
			Baseline b = new Baseline();
			// As many subjects as needed, each delivered once to every app (like an erasure).
			int rounds = Math.max(1, total / apps.size());
			List<Subject> subjects = new ArrayList<>();
			for (int r = 0; r < rounds; r++) {
				subjects.add(receivers.expect(String.format(Locale.ROOT, "baseline-subject-%04d", r), -1));
			}
			// Payloads like PrivacyRequests.payload, signed like StandardWebhookSigner, prepared before timing.
			record Msg(App app, String id, String body) {
			}
			Map<Integer, List<Msg>> byPort = new LinkedHashMap<>();
			ports.forEach(p -> byPort.put(p, new ArrayList<>()));
			SecureRandom random = new SecureRandom();
			for (Subject s : subjects) {
				String requestId = java.util.UUID.randomUUID().toString();
				Instant now = Instant.now();
				for (App app : apps) {
					byte[] idBytes = new byte[18];
					random.nextBytes(idBytes);
					String id = "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
					String body = "{\"type\":\"subject.erasure_requested\",\"version\":1,\"timestamp\":\"" + now
							+ "\",\"data\":{\"requestId\":\"" + requestId + "\",\"kind\":\"erasure\",\"accountId\":\"" + account
							+ "\",\"subjectIds\":[\"" + s.name + "\"],\"fields\":[],\"filedAt\":\"" + now + "\",\"dueAt\":\""
							+ now.plus(Duration.ofDays(30)) + "\",\"respond\":\"/api/app/v1/privacy-requests/" + requestId + "\"}}";
					byPort.get(URI.create(app.url()).getPort()).add(new Msg(app, id, body));
				}
			}
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(3)).build();
			List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
			AtomicInteger errors = new AtomicInteger();
			b.cpu = new CpuMeter(match);
			b.cpu.begin();
			long t0 = System.nanoTime();
			subjects.forEach(s -> s.filedAt = t0);
			List<Thread> threads = new ArrayList<>();
			for (var e : byPort.entrySet()) {
				List<Msg> msgs = e.getValue();
				AtomicInteger next = new AtomicInteger();
				for (int c = 0; c < PER_PORT; c++) {
					threads.add(Thread.ofPlatform().start(() -> {
						long[] mine = new long[msgs.size()];
						int k = 0;
						Mac mac;
						try {
							mac = Mac.getInstance("HmacSHA256");
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
						for (int i; (i = next.getAndIncrement()) < msgs.size();) {
							Msg m = msgs.get(i);
							long start = System.nanoTime();
							try {
								// Signed at send time, like WebhookSender (the timestamp is the attempt's).
								long ts = System.currentTimeMillis() / 1000;
								mac.init(new SecretKeySpec(m.app().key(), "HmacSHA256"));
								String sig = "v1," + Base64.getEncoder().encodeToString(
										mac.doFinal((m.id() + "." + ts + "." + m.body()).getBytes(StandardCharsets.UTF_8)));
								HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(m.app().url()))
									.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
									.header("webhook-id", m.id()).header("webhook-timestamp", Long.toString(ts))
									.header("webhook-signature", sig).POST(HttpRequest.BodyPublishers.ofString(m.body())).build(),
										HttpResponse.BodyHandlers.discarding());
								if (r.statusCode() / 100 != 2) {
									errors.incrementAndGet();
								}
								mine[k++] = System.nanoTime() - start;
							}
							catch (Exception ex) {
								errors.incrementAndGet();
							}
						}
						latencies.add(Arrays.copyOf(mine, k));
					}));
				}
			}
			for (Thread t : threads) {
				t.join(Duration.ofMinutes(10));
			}
			b.seconds = (System.nanoTime() - t0) / 1e9;
			b.cpu.end(b.seconds);
			long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
			b.deliveries = subjects.stream().mapToInt(s -> s.valid.get()).sum();
			b.errors = errors.get() + (rounds * apps.size() - b.deliveries);
			b.p50 = pct(all, 50) / 1e6;
			b.p99 = pct(all, 99) / 1e6;
			return b;
		}

	}

}
