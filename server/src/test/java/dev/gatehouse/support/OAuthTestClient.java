package dev.gatehouse.support;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A third-party app's side of OAuth over real HTTP: authorization requests with PKCE through
 * Gatehouse's consent page (driven like a browser with a {@link WebSession}), and the token,
 * introspection and revocation endpoints with HTTP Basic client authentication.
 */
public final class OAuthTestClient {

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final JsonMapper json = JsonMapper.builder().build();

	public OAuthTestClient(int port) {
		this.port = port;
	}

	public String issuer() {
		return "http://127.0.0.1:" + port;
	}

	public static String newVerifier() {
		return UUID.randomUUID() + "-" + UUID.randomUUID();
	}

	public static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String authorizePath(String clientId, String redirectUri, String scope, String verifier) {
		var params = new LinkedHashMap<String, String>();
		params.put("response_type", "code");
		params.put("client_id", clientId);
		params.put("redirect_uri", redirectUri);
		params.put("scope", scope);
		params.put("state", "client-state");
		params.put("code_challenge", challenge(verifier));
		params.put("code_challenge_method", "S256");
		return "/oauth2/authorize?" + encode(params);
	}

	/** Opens the authorization request in a logged-in browser and returns the consent page. */
	public Document consentPage(WebSession browser, String clientId, String redirectUri, String scope, String verifier) {
		var response = browser.get(authorizePath(clientId, redirectUri, scope, verifier));
		if (response.statusCode() != 302 || !"/oauth2/consent".equals(WebSession.location(response))) {
			throw new AssertionError("expected a redirect to the consent page, got " + response.statusCode() + " "
					+ response.headers().firstValue("Location").orElse(response.body()));
		}
		var page = browser.follow(response);
		if (page.statusCode() != 200) {
			throw new AssertionError("consent page answered " + page.statusCode());
		}
		return WebSession.html(page);
	}

	/** Submits the consent form as shown, choosing {@code accountId} (null: the preselected one). */
	public HttpResponse<String> allow(WebSession browser, Document consentPage, String accountId) {
		Element form = consentPage.selectFirst("form#consent-form");
		if (form == null) {
			throw new AssertionError("no consent form on the page: " + consentPage.text());
		}
		StringBuilder body = new StringBuilder();
		for (Element input : form.select("input[type=hidden]")) {
			append(body, input.attr("name"), input.attr("value"));
		}
		String account = accountId;
		if (account == null) {
			Element checked = form.selectFirst("input[type=radio][checked]");
			account = checked == null ? null : checked.attr("value");
		}
		if (account != null) {
			append(body, "customer_account", account);
		}
		return browser.postEncoded("/oauth2/authorize", body.toString());
	}

	/** Logged in already: request, consent for the preselected account, and the callback's parameters. */
	public Map<String, String> authorize(WebSession browser, String clientId, String redirectUri, String scope,
			String verifier, String accountId) {
		var page = consentPage(browser, clientId, redirectUri, scope, verifier);
		var answer = allow(browser, page, accountId);
		String location = answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
				"consent answered " + answer.statusCode() + " without a redirect"));
		if (!location.startsWith(redirectUri + "?")) {
			throw new AssertionError("consent redirected to " + location);
		}
		return query(location);
	}

	/** The whole code flow: authorize, consent, exchange; returns the token response. */
	public JsonNode tokensFor(WebSession browser, String clientId, String secret, String redirectUri, String scope,
			String accountId) {
		String verifier = newVerifier();
		var answer = authorize(browser, clientId, redirectUri, scope, verifier, accountId);
		var tokens = token(clientId, secret, Map.of("grant_type", "authorization_code", "code", answer.get("code"),
				"redirect_uri", redirectUri, "code_verifier", verifier));
		if (tokens.statusCode() != 200) {
			throw new AssertionError("code exchange answered " + tokens.statusCode() + ": " + tokens.body());
		}
		return json.readTree(tokens.body());
	}

	public HttpResponse<String> token(String clientId, String secret, Map<String, String> params) {
		return form("/oauth2/token", basic(clientId, secret), params);
	}

	public HttpResponse<String> refresh(String clientId, String secret, String refreshToken) {
		return token(clientId, secret, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	/** Whether the token is active, asked with the given client's credentials. */
	public boolean active(String clientId, String secret, String token) {
		var response = form("/oauth2/introspect", basic(clientId, secret), Map.of("token", token));
		if (response.statusCode() != 200) {
			throw new AssertionError("introspection answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body()).get("active").asBoolean();
	}

	public JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/** The error code of an RFC 6749 error response (status 400 or 401). */
	public String error(HttpResponse<String> response) {
		if (response.statusCode() != 400 && response.statusCode() != 401) {
			throw new AssertionError("expected an OAuth error, got " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body()).get("error").asString();
	}

	/** Verifies the JWT against the published JWKS and returns its claims. */
	public JWTClaimsSet verifiedClaims(String token) {
		try {
			var jwks = send(HttpRequest.newBuilder(uri("/oauth2/jwks")).GET());
			JWKSet keys = JWKSet.parse(jwks.body());
			SignedJWT jwt = SignedJWT.parse(token);
			ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
			if (key == null || !jwt.verify(new ECDSAVerifier(key))) {
				throw new AssertionError("token does not verify against the published keys");
			}
			return jwt.getJWTClaimsSet();
		}
		catch (java.text.ParseException | com.nimbusds.jose.JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	public static String basic(String clientId, String secret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	public HttpResponse<String> form(String path, String authorization, Map<String, String> params) {
		var request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(encode(params))));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public URI uri(String path) {
		return URI.create(issuer() + path);
	}

	public static String encode(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	public static Map<String, String> query(String location) {
		String query = URI.create(location).getRawQuery();
		return Arrays.stream(query.split("&"))
			.map(pair -> pair.split("=", 2))
			.collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
					p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
	}

	private static void append(StringBuilder body, String name, String value) {
		if (!body.isEmpty()) {
			body.append('&');
		}
		body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

}
