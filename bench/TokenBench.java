/*
 * TokenBench: a fixed-concurrency, closed-loop load generator for OAuth token endpoints.
 *
 * Java 25 source program, no dependencies, with bench/CpuMeter.java (the source launcher compiles it
 * with this file):
 *
 *   java bench/TokenBench.java run    [options]   benchmark one server (warm-up, then measure), write a TSV
 *   java bench/TokenBench.java report FILE.tsv...   markdown table of several runs, ratios, target verdict
 *   java bench/TokenBench.java jfr    FILE.jfr [N]  hot spots of a JFR recording (execution samples)
 *
 * Every loop is bounded in time and in count, and every request has a timeout. See bench/README.md.
 */

import java.io.IOException;
import java.io.PrintStream;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class TokenBench {

	static final PrintStream out = System.out;

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "run" -> new Run(Options.parse(rest)).execute();
			case "report" -> Report.print(rest);
			case "jfr" -> JfrHotSpots.print(rest);
			default -> {
				usage();
				System.exit(2);
			}
		}
	}

	static void usage() {
		System.err.println("""
				usage: java TokenBench.java run --label NAME --token-url URL --authorize-url URL --client-id ID \\
				           --client-secret SECRET --scope SCOPE --redirect-uri URI --username U --password P \\
				           [--grants client_credentials,refresh_token,authorization_code] [--concurrency 16] \\
				           [--warmup-seconds 30] [--warmup-max-rounds 10] [--warmup-tolerance 0.05] \\
				           [--measure-seconds 30] [--grant-warmup-seconds 15] [--grant-warmup-max-rounds 4] \\
				           [--mint-seconds 15] [--code-pool-max 12000] [--max-code-rounds 12] \\
				           [--request-timeout-seconds 10] [--max-requests-per-window 3000000] \\
				           [--server-match STR[,STR]] [--out FILE.tsv]
				       java TokenBench.java report RESULT.tsv...
				       java TokenBench.java jfr RECORDING.jfr [TOP]""");
	}

	// ------------------------------------------------------------------------------------------
	// Options
	// ------------------------------------------------------------------------------------------

	record Options(String label, URI tokenUrl, URI authorizeUrl, String clientId, String clientSecret, String scope,
			String redirectUri, String username, String password, List<String> grants, int concurrency,
			int warmupSeconds, int warmupMaxRounds, double warmupTolerance, int measureSeconds,
			int grantWarmupSeconds, int grantWarmupMaxRounds, int mintSeconds, int maxCodeRounds, int codePoolMax,
			List<String> serverMatch, Path out,
			long maxRequestsPerWindow, Duration requestTimeout) {

		static Options parse(String[] args) {
			Map<String, String> m = new HashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("expected --name value, got " + args[i]);
				}
				m.put(args[i].substring(2), args[++i]);
			}
			java.util.function.Function<String, String> req = k -> {
				String v = m.get(k);
				if (v == null) {
					throw new IllegalArgumentException("missing --" + k);
				}
				return v;
			};
			return new Options(req.apply("label"), URI.create(req.apply("token-url")),
					URI.create(m.getOrDefault("authorize-url", "http://127.0.0.1/unused")), req.apply("client-id"),
					req.apply("client-secret"), m.getOrDefault("scope", ""),
					m.getOrDefault("redirect-uri", "http://localhost:3000/callback"), m.getOrDefault("username", ""),
					m.getOrDefault("password", ""),
					List.of(m.getOrDefault("grants", "client_credentials,refresh_token,authorization_code").split(",")),
					Integer.parseInt(m.getOrDefault("concurrency", "16")),
					Integer.parseInt(m.getOrDefault("warmup-seconds", "30")),
					Integer.parseInt(m.getOrDefault("warmup-max-rounds", "10")),
					Double.parseDouble(m.getOrDefault("warmup-tolerance", "0.05")),
					Integer.parseInt(m.getOrDefault("measure-seconds", "30")),
					Integer.parseInt(m.getOrDefault("grant-warmup-seconds", "15")),
					Integer.parseInt(m.getOrDefault("grant-warmup-max-rounds", "4")),
					Integer.parseInt(m.getOrDefault("mint-seconds", "15")),
					Integer.parseInt(m.getOrDefault("max-code-rounds", "12")),
					Integer.parseInt(m.getOrDefault("code-pool-max", "12000")),
					m.containsKey("server-match") ? List.of(m.get("server-match").split(",")) : List.of(),
					m.containsKey("out") ? Path.of(m.get("out")) : null,
					Long.parseLong(m.getOrDefault("max-requests-per-window", "3000000")),
					Duration.ofSeconds(Integer.parseInt(m.getOrDefault("request-timeout-seconds", "10"))));
		}
	}

	// ------------------------------------------------------------------------------------------
	// One server: warm-up, then the measured windows
	// ------------------------------------------------------------------------------------------

	static final class Run {

		final Options o;

		final HttpClient http;

		final String basic;

		final List<String> rows = new ArrayList<>();

		String warmupRounds = "-";

		boolean warmupSettled = false;

		/** The warm-up rounds of the grant being measured (refresh, code exchange). */
		String grantWarmup = "-";

		Run(Options o) {
			this.o = o;
			// One client for the load: HTTP/1.1 with keep-alive; it opens one connection per concurrent request.
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			this.basic = "Basic " + Base64.getEncoder()
				.encodeToString((form(o.clientId()) + ":" + form(o.clientSecret())).getBytes(StandardCharsets.UTF_8));
		}

		void execute() throws Exception {
			out.printf("== %s: %d workers, grants %s%n", o.label(), o.concurrency(), o.grants());
			checkLoopback(o.tokenUrl());
			checkLoopback(o.authorizeUrl());
			if (o.grants().contains("client_credentials")) {
				clientCredentials();
			}
			if (o.grants().contains("refresh_token")) {
				refresh();
			}
			if (o.grants().contains("authorization_code")) {
				codeExchange();
			}
			if (o.out() != null) {
				List<String> lines = new ArrayList<>();
				lines.add(String.join("\t", HEADER));
				lines.addAll(rows);
				Files.write(o.out(), lines);
				out.println("   results written to " + o.out());
			}
		}

		// --- client credentials -------------------------------------------------------------

		void clientCredentials() throws Exception {
			String body = "grant_type=client_credentials" + (o.scope().isEmpty() ? "" : "&scope=" + form(o.scope()));
			HttpRequest request = tokenRequest(body);
			Work work = worker -> {
				HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
				return r.statusCode() == 200 && r.body().contains("\"access_token\"");
			};
			HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (first.statusCode() != 200 || !first.body().contains("\"access_token\"")) {
				throw new IllegalStateException("client credentials refused: HTTP " + first.statusCode() + " " + snippet(first.body()));
			}
			// Warm-up: 30 s rounds until two consecutive rounds agree within the tolerance (capped).
			List<Double> rps = new ArrayList<>();
			for (int round = 1; round <= o.warmupMaxRounds(); round++) {
				Window w = closedLoop(work, o.warmupSeconds(), o.concurrency());
				rps.add(w.rps());
				out.printf("   warm-up %2d (client_credentials, %d s): %8.1f req/s, p99 %7.2f ms, errors %d%n", round,
						o.warmupSeconds(), w.rps(), w.percentileMs(0.99), w.errors());
				if (settled(rps, w)) {
					warmupSettled = true;
					break;
				}
			}
			warmupRounds = joined(rps);
			out.println(warmupSettled ? "   warm-up settled" : "   warm-up did NOT settle within the cap");
			Window w = closedLoop(work, o.measureSeconds(), o.concurrency());
			record("client_credentials", w, "");
		}

		// --- refresh with rotation ------------------------------------------------------------

		void refresh() throws Exception {
			// One independent chain per worker: its own browser login, its own code, its own refresh token.
			Chain[] chains = new Chain[o.concurrency()];
			// Set up one, then a few at a time: this is not measured (and 16 first logins at once have
			// exhausted Gatehouse's connection pool).
			parallel(o.concurrency(), SETUP_PARALLELISM, i -> {
				chains[i] = new Chain(new Browser(http, o.requestTimeout()));
				chains[i].refreshToken = exchange(obtainCodeWithPkce(chains[i].browser)).refreshToken();
			});
			out.printf("   %d refresh chains ready%n", chains.length);
			AtomicLong rebuilt = new AtomicLong();
			Work work = worker -> {
				Chain c = chains[worker];
				HttpResponse<String> r = http.send(
						tokenRequest("grant_type=refresh_token&refresh_token=" + form(c.refreshToken)),
						HttpResponse.BodyHandlers.ofString());
				String next = r.statusCode() == 200 ? jsonString(r.body(), "refresh_token") : null;
				if (next == null || !r.body().contains("\"access_token\"")) {
					// The chain is broken (the old token is spent): start a new one, unmeasured, and count an error.
					rebuilt.incrementAndGet();
					c.refreshToken = exchange(obtainCodeWithPkce(c.browser)).refreshToken();
					return false;
				}
				c.refreshToken = next;
				return true;
			};
			// Warm-up of this grant: rounds until two consecutive ones agree within the tolerance (capped).
			List<Double> rps = new ArrayList<>();
			boolean ok = false;
			for (int round = 1; o.grantWarmupSeconds() > 0 && round <= o.grantWarmupMaxRounds(); round++) {
				Window w = closedLoop(work, o.grantWarmupSeconds(), o.concurrency());
				rps.add(w.rps());
				out.printf("   warm-up %d (refresh_token, %d s): %8.1f req/s, errors %d%n", round, o.grantWarmupSeconds(),
						w.rps(), w.errors());
				if (ok = settled(rps, w)) {
					break;
				}
			}
			rebuilt.set(0);
			Window w = closedLoop(work, o.measureSeconds(), o.concurrency());
			grantWarmup = rps.isEmpty() ? "-" : joined(rps) + (ok ? " (settled)" : " (not settled)");
			record("refresh_token", w, "chains rebuilt: " + rebuilt.get());
		}

		static final class Chain {

			final Browser browser;

			volatile String refreshToken;

			Chain(Browser browser) {
				this.browser = browser;
			}

		}

		// --- authorization code exchange ------------------------------------------------------

		record MintedCode(String code, String verifier, long mintedAt) {
		}

		void codeExchange() throws Exception {
			// Codes are minted through the browser-like flow by one logged-in browser per worker, in
			// batches just before each measured round; only the token request is timed.
			Browser[] browsers = new Browser[o.concurrency()];
			parallel(o.concurrency(), SETUP_PARALLELISM, i -> {
				browsers[i] = new Browser(http, o.requestTimeout());
				exchange(obtainCodeWithPkce(browsers[i])); // logs in (and consents) once
			});
			out.printf("   %d browsers logged in for minting codes%n", browsers.length);
			List<Double> rps = new ArrayList<>();
			boolean ok = false;
			for (int round = 1; o.grantWarmupSeconds() > 0 && round <= o.grantWarmupMaxRounds(); round++) {
				Window w = codeRound(browsers, Math.max(1, Math.min(o.mintSeconds(), o.grantWarmupSeconds())),
						o.grantWarmupSeconds());
				rps.add(w.rps());
				out.printf("   warm-up %d (authorization_code): %8.1f req/s, errors %d%n", round, w.rps(), w.errors());
				if (ok = settled(rps, w)) {
					break;
				}
			}
			grantWarmup = rps.isEmpty() ? "-" : joined(rps) + (ok ? " (settled)" : " (not settled)");
			List<Window> rounds = new ArrayList<>();
			double measured = 0;
			for (int round = 1; round <= o.maxCodeRounds() && measured < o.measureSeconds(); round++) {
				double remaining = o.measureSeconds() - measured;
				Window w = codeRound(browsers, o.mintSeconds(), remaining);
				rounds.add(w);
				measured += w.seconds();
				out.printf("   round %d (authorization_code): %d codes exchanged in %.1f s, %8.1f req/s%n", round,
						w.requests(), w.seconds(), w.rps());
			}
			record("authorization_code", Window.merge(rounds), rounds.size() + " rounds of minted codes");
		}

		/** Mints codes for up to mintSeconds, then exchanges them (at most maxExchangeSeconds, before they expire). */
		Window codeRound(Browser[] browsers, int mintSeconds, double maxExchangeSeconds) throws Exception {
			var pool = new ConcurrentLinkedQueue<MintedCode>();
			long mintStart = System.nanoTime();
			long mintDeadline = mintStart + Duration.ofSeconds(mintSeconds).toNanos();
			long cap = o.codePoolMax();
			AtomicLong mintErrors = new AtomicLong();
			parallel(browsers.length, browsers.length, i -> {
				int consecutiveErrors = 0;
				while (System.nanoTime() < mintDeadline && pool.size() < cap && consecutiveErrors < 5) {
					Pkce pkce = Pkce.create();
					try {
						pool.add(new MintedCode(obtainAuthorizationCode(browsers[i], pkce), pkce.verifier(),
								System.nanoTime()));
						consecutiveErrors = 0;
					}
					catch (Exception ex) {
						mintErrors.incrementAndGet();
						consecutiveErrors++;
					}
				}
			});
			if (mintErrors.get() > 0) {
				out.printf("   (%d errors while minting codes)%n", mintErrors.get());
			}
			int minted = pool.size();
			double mintedIn = (System.nanoTime() - mintStart) / 1e9;
			// Both servers let codes live 60 s: stop exchanging 50 s after minting began.
			long expiry = mintStart + Duration.ofSeconds(50).toNanos();
			long deadline = Math.min(expiry, System.nanoTime() + (long) (maxExchangeSeconds * 1e9));
			Work work = worker -> {
				MintedCode c = pool.poll();
				if (c == null) {
					throw new PoolEmpty();
				}
				HttpResponse<String> r = http.send(tokenRequest("grant_type=authorization_code&code=" + form(c.code())
						+ "&redirect_uri=" + form(o.redirectUri()) + "&code_verifier=" + form(c.verifier())),
						HttpResponse.BodyHandlers.ofString());
				return r.statusCode() == 200 && r.body().contains("\"access_token\"");
			};
			Window w = closedLoop(work, deadline, o.concurrency());
			out.printf("   minted %d codes in %.1f s; %d left unexchanged%n", minted, mintedIn, pool.size());
			return w;
		}

		// --- the browser-like flow ------------------------------------------------------------

		record Tokens(String accessToken, String refreshToken) {
		}

		record CodeAndVerifier(String code, String verifier) {
		}

		CodeAndVerifier obtainCodeWithPkce(Browser browser) throws Exception {
			Pkce pkce = Pkce.create();
			return new CodeAndVerifier(obtainAuthorizationCode(browser, pkce), pkce.verifier());
		}

		Tokens exchange(CodeAndVerifier c) throws Exception {
			HttpResponse<String> r = http.send(tokenRequest("grant_type=authorization_code&code=" + form(c.code())
					+ "&redirect_uri=" + form(o.redirectUri()) + "&code_verifier=" + form(c.verifier())),
					HttpResponse.BodyHandlers.ofString());
			String refreshToken = jsonString(r.body(), "refresh_token");
			if (r.statusCode() != 200 || refreshToken == null) {
				throw new IllegalStateException("code exchange failed: HTTP " + r.statusCode() + " " + snippet(r.body()));
			}
			return new Tokens(jsonString(r.body(), "access_token"), refreshToken);
		}

		/**
		 * OBTAIN ONE AUTHORIZATION CODE, the way a browser would. This is the only place that knows the
		 * servers' pages; adapt it when a login or consent page changes. Starting from
		 * GET {authorize-url}?response_type=code&client_id&redirect_uri&scope&state&code_challenge(S256),
		 * it follows what the server answers, for at most 8 steps:
		 * <ul>
		 * <li>a redirect to the redirect URI: the code is taken from its query (state is checked);</li>
		 * <li>another redirect (e.g. to Gatehouse's /login): followed with GET;</li>
		 * <li>a page with a form that has a password field (Gatehouse's /login with its _csrf field,
		 * Keycloak's kc-form-login): its fields are kept, username and password filled in, and it is
		 * posted to its action; afterwards the authorization request is sent again;</li>
		 * <li>any other page with a form that posts to the authorization endpoint (a consent page, such
		 * as Spring Authorization Server's with client_id, state and scope checkboxes): every hidden
		 * field, every scope checkbox and the approving button, if named, are posted back.</li>
		 * </ul>
		 * Cookies are kept in the {@link Browser}, so a browser logs in (and consents) once; later calls
		 * are a single GET answered with the redirect.
		 */
		String obtainAuthorizationCode(Browser browser, Pkce pkce) throws Exception {
			String state = Pkce.random(12);
			URI authorize = URI.create(o.authorizeUrl() + "?response_type=code&client_id=" + form(o.clientId())
					+ "&redirect_uri=" + form(o.redirectUri()) + "&scope=" + form(o.scope()) + "&state=" + state
					+ "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
			HttpResponse<String> r = browser.get(authorize);
			boolean loggedIn = false;
			for (int step = 0; step < 8; step++) {
				if (Redirects.isRedirect(r)) {
					String location = r.headers().firstValue("Location").orElseThrow();
					if (location.startsWith(o.redirectUri())) {
						Map<String, String> q = Redirects.query(URI.create(location).getRawQuery());
						if (q.containsKey("error") || !q.containsKey("code")) {
							throw new IllegalStateException("authorization failed: " + location);
						}
						if (!state.equals(q.get("state"))) {
							throw new IllegalStateException("state mismatch in " + location);
						}
						return q.get("code");
					}
					if (loggedIn && !location.contains("login")) {
						r = browser.get(authorize); // back to the request after the login
						loggedIn = false;
						continue;
					}
					r = browser.get(r.uri().resolve(location));
					continue;
				}
				if (r.statusCode() != 200) {
					throw new IllegalStateException("HTTP " + r.statusCode() + " at " + r.uri() + ": " + snippet(r.body()));
				}
				List<HtmlForm> forms = HtmlForm.all(r.body());
				HtmlForm login = forms.stream().filter(f -> f.hasField("password")).findFirst().orElse(null);
				if (login != null) {
					if (loggedIn) {
						throw new IllegalStateException("login refused for " + o.username() + " at " + r.uri());
					}
					Map<String, String> fields = login.fieldsForSubmit(false);
					fields.put(login.userFieldName(), o.username());
					fields.put("password", o.password());
					r = browser.post(r.uri().resolve(login.action().isEmpty() ? r.uri().getPath() : login.action()),
							fields);
					loggedIn = true;
					continue;
				}
				// A consent page: the form posting to the authorization endpoint that is not the deny form.
				HtmlForm consent = forms.stream()
					.filter(f -> f.action().contains("authorize") || f.hasField("consent_action"))
					.filter(f -> !f.attributes().matches("(?s).*(deny|cancel|reject).*"))
					.findFirst()
					.orElse(null);
				if (consent != null) {
					r = browser.post(r.uri().resolve(consent.action()), consent.fieldsForSubmit(true));
					continue;
				}
				throw new IllegalStateException("no login or consent form at " + r.uri() + ": " + snippet(r.body()));
			}
			throw new IllegalStateException("no code after 8 steps");
		}

		// --- plumbing ---------------------------------------------------------------------------

		HttpRequest tokenRequest(String body) {
			return HttpRequest.newBuilder(o.tokenUrl())
				.timeout(o.requestTimeout())
				.header("Authorization", basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		}

		Window closedLoop(Work work, int seconds, int workers) throws Exception {
			return closedLoop(work, System.nanoTime() + Duration.ofSeconds(seconds).toNanos(), workers);
		}

		/**
		 * Closed loop: each worker sends its next request as soon as the previous one is answered, until
		 * the deadline, the per-window request cap, or (code exchange) the end of its pool.
		 */
		Window closedLoop(Work work, long deadlineNanos, int workers) throws Exception {
			long[][] latencies = new long[workers][];
			int[] counts = new int[workers];
			long[] errors = new long[workers];
			long perWorkerCap = Math.max(1, o.maxRequestsPerWindow() / workers);
			CpuMeter cpu = new CpuMeter(o.serverMatch());
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < workers; t++) {
				int worker = t;
				threads.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
					long[] lat = new long[4096];
					int n = 0;
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					while (System.nanoTime() < deadlineNanos && n + errors[worker] < perWorkerCap) {
						long t0 = System.nanoTime();
						boolean ok;
						try {
							ok = work.call(worker);
						}
						catch (PoolEmpty ex) {
							break;
						}
						catch (Exception ex) {
							ok = false;
						}
						long t1 = System.nanoTime();
						if (ok) {
							if (n == lat.length) {
								lat = Arrays.copyOf(lat, n * 2);
							}
							lat[n++] = t1 - t0;
						}
						else {
							errors[worker]++;
						}
					}
					latencies[worker] = lat;
					counts[worker] = n;
				}));
			}
			cpu.begin();
			long t0 = System.nanoTime();
			start.countDown();
			for (Thread t : threads) {
				t.join(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())).plus(o.requestTimeout())
					.plusSeconds(60));
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			cpu.end();
			int total = Arrays.stream(counts).sum();
			long[] all = new long[total];
			int at = 0;
			for (int t = 0; t < workers; t++) {
				if (latencies[t] != null) {
					System.arraycopy(latencies[t], 0, all, at, counts[t]);
					at += counts[t];
				}
			}
			Arrays.sort(all);
			return new Window(all, Arrays.stream(errors).sum(), seconds, cpu.serverSeconds(), cpu.clientSeconds(),
					cpu.otherSeconds());
		}

		/** Two consecutive warm-up rounds agree within the tolerance (and the last one had no error). */
		boolean settled(List<Double> rps, Window last) {
			if (rps.size() < 2) {
				return false;
			}
			double a = rps.get(rps.size() - 2), b = rps.get(rps.size() - 1);
			return b > 0 && last.errors() == 0 && Math.abs(a - b) <= o.warmupTolerance() * Math.max(a, b);
		}

		static String joined(List<Double> rps) {
			return String.join(",", rps.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
		}

		void record(String grant, Window w, String note) {
			out.printf("   MEASURED %-18s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  (%d requests in %.1f s;"
					+ " CPU ms/req server %.2f, load generator %.2f; other processes %.2f cores)%n", grant, w.rps(),
					w.percentileMs(0.5), w.percentileMs(0.99), w.errors(), w.requests(), w.seconds(),
					w.serverCpu() * 1000 / Math.max(1, w.requests()), w.clientCpu() * 1000 / Math.max(1, w.requests()),
					w.otherCpu() / Math.max(1e-9, w.seconds()));
			rows.add(String.join("\t", o.label(), grant, String.valueOf(w.requests()), String.valueOf(w.errors()),
					f(w.seconds()), f(w.rps()), f(w.percentileMs(0.5)), f(w.percentileMs(0.9)), f(w.percentileMs(0.99)),
					f(w.percentileMs(0.999)), f(w.maxMs()), f(w.meanMs()),
					w.serverCpu() < 0 ? "-" : f(w.serverCpu() * 1000 / Math.max(1, w.requests())),
					f(w.clientCpu() * 1000 / Math.max(1, w.requests())),
					w.otherCpu() < 0 ? "-" : f(w.otherCpu() / Math.max(1e-9, w.seconds())), String.valueOf(o.concurrency()),
					grant.equals("client_credentials") ? warmupRounds : grantWarmup,
					grant.equals("client_credentials") ? String.valueOf(warmupSettled)
							: String.valueOf(grantWarmup.endsWith("(settled)")),
					LocalDate.now().toString(),
					note));
		}

		interface Task {

			void run(int i) throws Exception;

		}

		static final int SETUP_PARALLELISM = 4;

		/**
		 * Runs task(0..n-1) on {@code threads} threads and waits (bounded) for all; the first failure is
		 * rethrown.
		 */
		void parallel(int n, int parallelism, Task task) throws Exception {
			List<Thread> threads = new ArrayList<>();
			Exception[] failure = new Exception[1];
			var next = new java.util.concurrent.atomic.AtomicInteger();
			if (parallelism < n && n > 0) {
				// The first alone: the first login of the user for this client also records the consent, and
				// concurrent first consents of one user race (Gatehouse answered 500: duplicate key).
				task.run(next.getAndIncrement());
			}
			for (int i = 0; i < Math.min(n, parallelism); i++) {
				threads.add(Thread.ofPlatform().start(() -> {
					try {
						for (int index = next.getAndIncrement(); index < n; index = next.getAndIncrement()) {
							task.run(index);
						}
					}
					catch (Exception ex) {
						synchronized (failure) {
							if (failure[0] == null) {
								failure[0] = ex;
							}
						}
					}
				}));
			}
			for (Thread t : threads) {
				t.join(Duration.ofMinutes(3));
			}
			if (failure[0] != null) {
				throw failure[0];
			}
		}

	}

	interface Work {

		/** One request; true if it succeeded. */
		boolean call(int worker) throws Exception;

	}

	static final class PoolEmpty extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PoolEmpty() {
			super(null, null, false, false);
		}

	}

	static final String[] HEADER = { "label", "grant", "requests", "errors", "seconds", "rps", "p50_ms", "p90_ms",
			"p99_ms", "p999_ms", "max_ms", "mean_ms", "server_cpu_ms_per_req", "loadgen_cpu_ms_per_req", "other_cpu_cores", "concurrency",
			"warmup_rps", "warmup_settled", "date", "note" };

	/** One measured window: sorted latencies of the successful requests (nanoseconds), errors, wall time, CPU. */
	record Window(long[] sorted, long errors, double seconds, double serverCpu, double clientCpu, double otherCpu) {

		long requests() {
			return sorted.length;
		}

		double rps() {
			return seconds <= 0 ? 0 : sorted.length / seconds;
		}

		/** Nearest-rank percentile, exact over every recorded latency. */
		double percentileMs(double p) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(p * sorted.length);
			return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
		}

		double maxMs() {
			return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
		}

		double meanMs() {
			return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(0) / 1e6;
		}

		static Window merge(List<Window> windows) {
			long[] all = windows.stream().flatMapToLong(w -> Arrays.stream(w.sorted())).sorted().toArray();
			boolean cpuKnown = windows.stream().allMatch(w -> w.serverCpu() >= 0);
			return new Window(all, windows.stream().mapToLong(Window::errors).sum(),
					windows.stream().mapToDouble(Window::seconds).sum(),
					cpuKnown ? windows.stream().mapToDouble(Window::serverCpu).sum() : -1,
					windows.stream().mapToDouble(Window::clientCpu).sum(),
					cpuKnown ? windows.stream().mapToDouble(Window::otherCpu).sum() : -1);
		}
	}

	// ------------------------------------------------------------------------------------------
	// A browser: cookies by name (all sent to the one loopback server), no redirects followed
	// ------------------------------------------------------------------------------------------

	static final class Browser {

		final HttpClient http;

		final Duration timeout;

		final Map<String, String> cookies = new LinkedHashMap<>();

		Browser(HttpClient http, Duration timeout) {
			this.http = http;
			this.timeout = timeout;
		}

		HttpResponse<String> get(URI uri) throws Exception {
			checkLoopback(uri);
			return send(HttpRequest.newBuilder(uri).GET());
		}

		HttpResponse<String> post(URI uri, Map<String, String> fields) throws Exception {
			checkLoopback(uri);
			StringBuilder body = new StringBuilder();
			for (var e : fields.entrySet()) {
				String[] values = e.getValue().split("\u0000", -1); // repeated fields (scope checkboxes)
				for (String v : values) {
					body.append(body.isEmpty() ? "" : "&").append(form(e.getKey())).append('=').append(form(v));
				}
			}
			return send(HttpRequest.newBuilder(uri)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		}

		private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
			builder.timeout(timeout).header("Accept", "text/html,application/xhtml+xml");
			synchronized (cookies) {
				if (!cookies.isEmpty()) {
					builder.header("Cookie", String.join("; ",
							cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
				}
			}
			HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			for (String header : r.headers().allValues("Set-Cookie")) {
				String pair = header.split(";", 2)[0];
				int eq = pair.indexOf('=');
				if (eq <= 0) {
					continue;
				}
				String name = pair.substring(0, eq).trim(), value = pair.substring(eq + 1).trim();
				String lower = header.toLowerCase(Locale.ROOT);
				synchronized (cookies) {
					if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")
							|| lower.contains("expires=thu, 01-jan-1970")) {
						cookies.remove(name);
					}
					else {
						cookies.put(name, value);
					}
				}
			}
			return r;
		}

	}

	/** The forms of a page, read with regular expressions: enough for login and consent pages. */
	record HtmlForm(String action, String attributes, List<String[]> inputs, List<String[]> buttons) {

		static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

		static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

		static final Pattern BUTTON = Pattern.compile("<button\\b([^>]*)>(.*?)</button>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

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
								a.getOrDefault("type", "text").toLowerCase(Locale.ROOT), a.getOrDefault("id", ""),
								a.containsKey("checked") ? "checked" : "" });
					}
				}
				List<String[]> buttons = new ArrayList<>();
				Matcher b = BUTTON.matcher(m.group(2));
				while (b.find()) {
					Map<String, String> a = attrs(b.group(1));
					buttons.add(new String[] { a.getOrDefault("name", ""), a.getOrDefault("value", ""),
							a.getOrDefault("type", "submit").toLowerCase(Locale.ROOT),
							(a.getOrDefault("id", "") + " " + b.group(2)).toLowerCase(Locale.ROOT) });
				}
				forms.add(new HtmlForm(attrs.getOrDefault("action", ""), m.group(1).toLowerCase(Locale.ROOT), inputs, buttons));
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

		String userFieldName() {
			return inputs.stream()
				.map(i -> i[0])
				.filter(n -> n.equals("username") || n.equals("email") || n.equals("login"))
				.findFirst()
				.orElse("username");
		}

		/**
		 * Hidden and text fields with their values; checkboxes all ticked if {@code tickAll} (the scopes
		 * of a consent page); and the approving submit button if it has a name.
		 */
		Map<String, String> fieldsForSubmit(boolean tickAll) {
			Map<String, String> f = new LinkedHashMap<>();
			for (String[] i : inputs) {
				String type = i[2];
				if (type.equals("radio")) {
					// One choice per group: the checked one, else the first (e.g. the customer account).
					if (i[4].equals("checked")) {
						f.put(i[0], i[1]);
					}
					else {
						f.putIfAbsent(i[0], i[1]);
					}
				}
				else if (type.equals("checkbox")) {
					if (!tickAll) {
						continue;
					}
					f.merge(i[0], i[1], (a, b) -> a + "\u0000" + b);
				}
				else if (!type.equals("submit") && !type.equals("button")) {
					f.putIfAbsent(i[0], i[1]);
				}
			}
			buttons.stream()
				.filter(b -> !b[0].isEmpty() && b[2].equals("submit"))
				.filter(b -> b[3].matches("(?s).*(approve|allow|accept|authori[sz]e|consent|continue|install).*")
						&& !b[3].matches("(?s).*(cancel|deny|reject).*"))
				.findFirst()
				.ifPresent(b -> f.put(b[0], b[1]));
			return f;
		}

		static String unescape(String s) {
			return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
				.replace("&lt;", "<").replace("&gt;", ">").replace("&#x2F;", "/").replace("&#47;", "/")
				.replace("&#61;", "=").replace("&#x3D;", "=");
		}

	}

	record Pkce(String verifier, String challenge) {

		static final SecureRandom RANDOM = new SecureRandom();

		static Pkce create() throws Exception {
			String verifier = random(32);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}

		static String random(int bytes) {
			byte[] b = new byte[bytes];
			RANDOM.nextBytes(b);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
		}
	}

	// ------------------------------------------------------------------------------------------
	// Helpers
	// ------------------------------------------------------------------------------------------

	/** This tool sends traffic to loopback only. */
	static void checkLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
				|| host.equals("::1"))) {
			throw new IllegalArgumentException("refusing a non-loopback address: " + uri);
		}
	}

	static final Map<String, Pattern> JSON_FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

	/** A string member of a flat JSON object (token responses), or null. */
	static String jsonString(String json, String name) {
		Matcher m = JSON_FIELDS.computeIfAbsent(name, n -> Pattern.compile("\"" + Pattern.quote(n) + "\"\\s*:\\s*\"([^\"]*)\""))
			.matcher(json);
		return m.find() ? m.group(1) : null;
	}

	static String form(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String snippet(String s) {
		String t = s == null ? "" : s.replaceAll("\\s+", " ");
		return t.length() > 300 ? t.substring(0, 300) + "..." : t;
	}

	static String f(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
	}

	// ------------------------------------------------------------------------------------------
	// report: one markdown table over several result files, the ratios and the target verdict
	// ------------------------------------------------------------------------------------------

	static final class Report {

		static void print(String[] files) throws IOException {
			List<Map<String, String>> rows = new ArrayList<>();
			for (String file : files) {
				List<String> lines = Files.readAllLines(Path.of(file));
				if (lines.isEmpty()) {
					continue;
				}
				String[] header = lines.getFirst().split("\t", -1);
				for (String line : lines.subList(1, lines.size())) {
					String[] v = line.split("\t", -1);
					Map<String, String> row = new LinkedHashMap<>();
					for (int i = 0; i < header.length && i < v.length; i++) {
						row.put(header[i], v[i]);
					}
					rows.add(row);
				}
			}
			List<String> grants = List.of("client_credentials", "refresh_token", "authorization_code");
			out.println("| grant | server | throughput (req/s) | p50 (ms) | p99 (ms) | errors | requests | server CPU ms/req | load-gen CPU ms/req | other processes (cores) |");
			out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
			for (String g : grants) {
				for (var r : rows) {
					if (g.equals(r.get("grant"))) {
						out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", g, r.get("label"), d1(r.get("rps")),
								d2(r.get("p50_ms")), d2(r.get("p99_ms")), r.get("errors"), r.get("requests"),
								d2(r.get("server_cpu_ms_per_req")), d2(r.get("loadgen_cpu_ms_per_req")),
								d2(r.get("other_cpu_cores")));
					}
				}
			}
			out.println();
			out.println("Warm-up rounds before each measurement (req/s; client credentials: 30 s rounds, then the other grants':"
					+ " settled = the last two agreed within 5%):");
			out.println();
			for (var r : rows) {
				out.printf("- %s, %s: %s (%s)%n", r.get("label"), r.get("grant"), r.get("warmup_rps").replace(" (settled)", "")
					.replace(" (not settled)", ""), "true".equals(r.get("warmup_settled")) ? "settled" : "did not settle within the cap");
			}
			var gatehouse = rows.stream().filter(r -> r.get("label").toLowerCase(Locale.ROOT).startsWith("gatehouse")).toList();
			var keycloak = rows.stream().filter(r -> r.get("label").toLowerCase(Locale.ROOT).startsWith("keycloak")).toList();
			if (gatehouse.isEmpty() || keycloak.isEmpty()) {
				return;
			}
			out.println();
			out.println("Ratios Gatehouse / Keycloak:");
			out.println();
			out.println("| grant | against | throughput ratio | p50 ratio | p99 ratio |");
			out.println("|---|---|---:|---:|---:|");
			for (String g : grants) {
				var gh = gatehouse.stream().filter(r -> g.equals(r.get("grant"))).findFirst().orElse(null);
				if (gh == null) {
					continue;
				}
				for (var kc : keycloak) {
					if (g.equals(kc.get("grant"))) {
						out.printf("| %s | %s | %s | %s | %s |%n", g, kc.get("label"), ratio(gh, kc, "rps"),
								ratio(gh, kc, "p50_ms"), ratio(gh, kc, "p99_ms"));
					}
				}
			}
			// The target: at least twice the client-credentials throughput of Keycloak in its
			// fastest configuration (the faster measured one), at a lower p99.
			var gh = gatehouse.stream().filter(r -> "client_credentials".equals(r.get("grant"))).findFirst().orElse(null);
			var fastest = keycloak.stream()
				.filter(r -> "client_credentials".equals(r.get("grant")))
				.max((a, b) -> Double.compare(num(a.get("rps")), num(b.get("rps"))))
				.orElse(null);
			if (gh != null && fastest != null) {
				double tr = num(gh.get("rps")) / num(fastest.get("rps"));
				boolean lowerP99 = num(gh.get("p99_ms")) < num(fastest.get("p99_ms"));
				boolean errorsFree = "0".equals(gh.get("errors"));
				out.println();
				out.printf(Locale.ROOT,
						"Target (client credentials: Gatehouse >= 2x the throughput of Keycloak's fastest configuration, at a lower p99): "
								+ "fastest Keycloak here is %s; throughput ratio %.2f (%s), p99 %s ms vs %s ms (%s)%s => %s%n",
						fastest.get("label"), tr, tr >= 2 ? "met" : "not met", d2(gh.get("p99_ms")), d2(fastest.get("p99_ms")),
						lowerP99 ? "lower" : "not lower", errorsFree ? "" : ", Gatehouse had errors",
						tr >= 2 && lowerP99 && errorsFree ? "TARGET MET" : "TARGET NOT MET");
			}
		}

		static String ratio(Map<String, String> a, Map<String, String> b, String key) {
			double x = num(a.get(key)), y = num(b.get(key));
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

		static String d1(String s) {
			double v = num(s);
			return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
		}

		static String d2(String s) {
			double v = num(s);
			return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
		}

	}

	// ------------------------------------------------------------------------------------------
	// jfr: where the server spends its time, from the execution samples of a recording
	// ------------------------------------------------------------------------------------------

	static final class JfrHotSpots {

		static void print(String[] args) throws IOException {
			Path file = Path.of(args[0]);
			int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
			Map<String, Integer> self = new HashMap<>(), inclusive = new HashMap<>(), area = new LinkedHashMap<>(),
					selfArea = new HashMap<>();
			int samples = 0;
			for (var e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
				if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
					continue;
				}
				var frames = e.getStackTrace().getFrames();
				if (frames.isEmpty()) {
					continue;
				}
				samples++;
				self.merge(name(frames.getFirst()), 1, Integer::sum);
				var seen = new java.util.HashSet<String>();
				for (var fr : frames) {
					String n = name(fr);
					if (seen.add(n)) {
						inclusive.merge(n, 1, Integer::sum);
					}
				}
				String owner = "(unattributed: JDK and other libraries)";
				for (var fr : frames) {
					String a = area(fr.getMethod().getType().getName() + "." + fr.getMethod().getName());
					if (a != null && !a.equals("Micrometer (observations)")) {
						owner = a;
						break;
					}
				}
				selfArea.merge(owner, 1, Integer::sum);
				var areas = new java.util.HashSet<String>();
				for (var fr : frames) {
					String a = area(fr.getMethod().getType().getName() + "." + fr.getMethod().getName());
					if (a != null) {
						areas.add(a);
					}
				}
				for (String a : areas) {
					area.merge(a, 1, Integer::sum);
				}
			}
			out.printf("%s: %d execution samples (Java code on CPU; PostgreSQL and the kernel are not sampled)%n%n", file,
					samples);
			out.println("Top methods by self time (the frame on CPU):");
			printTop(self, samples, top);
			out.println();
			out.println("Where the time goes: each sample charged to the innermost frame of a known area"
					+ " (Micrometer's observation wrappers, on every stack, are skipped):");
			printTop(selfArea, samples, 30);
			out.println();
			out.println("Areas inclusive (samples with such a frame anywhere on the stack; areas overlap):");
			printTop(area, samples, 30);
			out.println();
			out.println("Top methods by inclusive time, project and security frames (dev.gatehouse, org.springframework.security):");
			Map<String, Integer> ours = new HashMap<>();
			inclusive.forEach((k, v) -> {
				if (k.startsWith("dev.gatehouse") || k.startsWith("org.springframework.security")) {
					ours.put(k, v);
				}
			});
			printTop(ours, samples, top);
		}

		static String name(jdk.jfr.consumer.RecordedFrame f) {
			return f.getMethod().getType().getName() + "." + f.getMethod().getName();
		}

		/** A coarse bucket for a frame, to tell where a token's time goes. */
		static String area(String m) {
			// The gateway's path (bench/gateway.sh profiles with this too).
			if (m.startsWith("org.apache.hc")) {
				return "Apache HttpClient (gateway transport)";
			}
			if (m.startsWith("jdk.internal.net.http")) {
				return "JDK HttpClient (gateway transport)";
			}
			if (m.startsWith("dev.gatehouse.accesslog")) {
				return "Access log (dev.gatehouse.accesslog)";
			}
			if (m.startsWith("io.github.bucket4j") || m.startsWith("dev.gatehouse.gateway.internal.RateLimiter")) {
				return "Rate limits (Bucket4j)";
			}
			if (m.startsWith("dev.gatehouse.gateway.internal.AccessTokenVerifier")) {
				return "Gateway token verification (digest, cache)";
			}
			if (m.startsWith("dev.gatehouse.gateway")) {
				return "Gateway filter (dev.gatehouse.gateway, other)";
			}
			if (m.startsWith("sun.security.ec") || m.contains("ECDSA") || m.startsWith("sun.security.util.math")) {
				return "ECDSA signing (sun.security.ec)";
			}
			if (m.startsWith("sun.security.rsa")) {
				return "RSA (sun.security.rsa)";
			}
			if (m.startsWith("com.nimbusds")) {
				return "Nimbus JOSE (JWT building/signing)";
			}
			if (m.startsWith("org.springframework.security.oauth2.server.authorization.token")) {
				return "SAS token generators";
			}
			if (m.startsWith("dev.gatehouse.apps") && m.contains("Credential")) {
				return "client secret check / credentials (dev.gatehouse.apps.*Credential*)";
			}
			if (m.startsWith("com.google.crypto.tink")) {
				return "Tink (MAC / AEAD)";
			}
			if (m.startsWith("org.postgresql")) {
				return "PostgreSQL JDBC driver";
			}
			if (m.startsWith("com.zaxxer.hikari")) {
				return "Hikari pool";
			}
			if (m.startsWith("org.springframework.jdbc")) {
				return "Spring JDBC";
			}
			if (m.startsWith("org.springframework.transaction")) {
				return "Spring transactions";
			}
			if (m.startsWith("com.fasterxml.jackson") || m.startsWith("tools.jackson")) {
				return "Jackson (JSON)";
			}
			if (m.startsWith("org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService")) {
				return "JdbcOAuth2AuthorizationService";
			}
			if (m.startsWith("org.springframework.security.web.FilterChainProxy")) {
				return "Spring Security filter chains";
			}
			if (m.startsWith("org.apache.catalina") || m.startsWith("org.apache.coyote") || m.startsWith("org.apache.tomcat")) {
				return "Tomcat";
			}
			if (m.startsWith("io.netty.handler.codec.http")) {
				return "Netty HTTP codec (gateway listener)";
			}
			if (m.startsWith("io.netty")) {
				return "Netty transport, buffers, event loops (gateway listener)";
			}
			if (m.startsWith("io.micrometer.observation") || m.contains("Observation")) {
				return "Micrometer (observations)";
			}
			if (m.startsWith("io.micrometer")) {
				return "Micrometer (meters, tags)";
			}
			if (m.startsWith("org.springframework.boot.loader")) {
				return "Spring Boot jar loader (resource/class lookups)";
			}
			if (m.startsWith("java.lang.ClassLoader") || m.startsWith("jdk.internal.loader")) {
				return "class loading / resource lookups";
			}
			if (m.startsWith("ch.qos.logback") || m.startsWith("org.slf4j")) {
				return "Logging";
			}
			if (m.startsWith("org.springframework.context.event") || m.contains("ApplicationEventMulticaster")) {
				return "Spring application events";
			}
			if (m.startsWith("org.springframework.modulith")) {
				return "Spring Modulith (event publication)";
			}
			if (m.startsWith("java.util.regex")) {
				return "java.util.regex";
			}
			if (m.startsWith("org.springframework.session")) {
				return "Spring Session";
			}
			return null;
		}

		static void printTop(Map<String, Integer> counts, int total, int top) {
			counts.entrySet()
				.stream()
				.sorted((a, b) -> b.getValue() - a.getValue())
				.limit(top)
				.forEach(e -> out.printf(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
						e.getValue(), e.getKey()));
		}

	}

}
