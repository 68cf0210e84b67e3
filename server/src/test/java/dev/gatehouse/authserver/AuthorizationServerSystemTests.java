package dev.gatehouse.authserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization server over real HTTP, with clients from the app registry. */
class AuthorizationServerSystemTests extends FullStackTest {

	static final String REDIRECT = "https://reminders.example.com/oauth/callback";

	static final String SCOPE = TestApps.READ_APPOINTMENTS.name();

	final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	dev.gatehouse.auditlog.AuditLog auditLog;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	dev.gatehouse.marketplace.CustomerAccounts customers;

	@Autowired
	OrganizationSuspensions suspensions;

	UserAccount developer;

	App app;

	@BeforeEach
	void app() {
		var fixture = dev.gatehouse.support.AppFixtures.draftApp(context);
		developer = fixture.developer();
		app = fixture.app();
	}

	@Test
	void discoveryWhenFetchedThenOnlyS256AndNoImplicitOrPasswordGrant() throws Exception {
		for (String path : new String[] { "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" }) {
			var response = send(HttpRequest.newBuilder(uri(path)).GET());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			JsonNode metadata = json.readTree(response.body());
			assertThat(metadata.get("issuer").asString()).isEqualTo("http://127.0.0.1:" + port);
			assertThat(texts(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
			assertThat(texts(metadata.get("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code",
					"refresh_token", "client_credentials");
			assertThat(texts(metadata.get("response_types_supported"))).containsExactly("code");
			assertThat(metadata.get("jwks_uri").asString()).endsWith("/oauth2/jwks");
			assertThat(metadata.get("introspection_endpoint").asString()).endsWith("/oauth2/introspect");
			assertThat(metadata.get("revocation_endpoint").asString()).endsWith("/oauth2/revoke");
			assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
		}
	}

	@Test
	void clientCredentialsWhenSandboxSecretThenSignedJwtWithAppClaims() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);

		var response = token(secret.clientId(), secret.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("scope").asString()).isEqualTo(SCOPE);
		assertThat(body.has("refresh_token")).isFalse();
		SignedJWT jwt = verified(body.get("access_token").asString());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getStringClaim("app_id")).isEqualTo(app.id().toString());
		assertThat(claims.getStringClaim("client_environment")).isEqualTo("sandbox");
		assertThat(claims.getStringClaim("client_id")).isEqualTo(secret.clientId());
		assertThat(claims.getSubject()).isEqualTo(secret.clientId());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringClaim("scope")).isEqualTo(SCOPE);
		assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:" + port);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000);
	}

	@Test
	void clientCredentialsWhenSecretPostedThenTokenAndIntrospectionSaysActive() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);

		var response = form("/oauth2/token", null, Map.of("grant_type", "client_credentials", "scope", SCOPE, "client_id",
				secret.clientId(), "client_secret", secret.secret()));
		assertThat(response.statusCode()).isEqualTo(200);
		String accessToken = json.readTree(response.body()).get("access_token").asString();

		var introspection = form("/oauth2/introspect", basic(secret.clientId(), secret.secret()), Map.of("token", accessToken));
		assertThat(introspection.statusCode()).isEqualTo(200);
		assertThat(json.readTree(introspection.body()).get("active").asBoolean()).isTrue();

		var revocation = form("/oauth2/revoke", basic(secret.clientId(), secret.secret()), Map.of("token", accessToken));
		assertThat(revocation.statusCode()).isEqualTo(200);
		var after = form("/oauth2/introspect", basic(secret.clientId(), secret.secret()), Map.of("token", accessToken));
		assertThat(json.readTree(after.body()).get("active").asBoolean()).isFalse();
	}

	@Test
	void clientCredentialsWhenWrongSecretThenInvalidClient() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);

		var response = token(secret.clientId(), secret.secret() + "x", Map.of("grant_type", "client_credentials"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("invalid_client");
		assertThat(token("ghc_sb_unknown", secret.secret(), Map.of("grant_type", "client_credentials")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void clientCredentialsWhenScopeNotRequestedByTheAppThenInvalidScope() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);

		var response = token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "client_credentials", "scope", TestApps.READ_PATIENTS.name()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void clientCredentialsWhenAppSuspendedThenInvalidClientForItsProductionCredential() throws Exception {
		approve();
		IssuedSecret production = credentials.issueClientSecret(app.id(), developer.id(), Environment.PRODUCTION, null);
		var before = token(production.clientId(), production.secret(), Map.of("grant_type", "client_credentials"));
		assertThat(before.statusCode()).isEqualTo(200);
		String issued = json.readTree(before.body()).get("access_token").asString();
		assertThat(verified(issued).getJWTClaimsSet().getStringClaim("client_environment")).isEqualTo("production");
		App other = registry.create(registry.require(app.id()).organizationId(), developer.id(),
				TestApps.complete(TestApps.uniqueName()));
		IssuedSecret introspector = credentials.issueClientSecret(other.id(), developer.id(), Environment.SANDBOX, null);

		registry.changeStatus(app.id(), AppStatus.SUSPENDED, "ops", "Unanswered breach questions");

		var after = token(production.clientId(), production.secret(), Map.of("grant_type", "client_credentials"));
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(json.readTree(after.body()).get("error").asString()).isEqualTo("invalid_client");
		var introspection = form("/oauth2/introspect", basic(introspector.clientId(), introspector.secret()),
				Map.of("token", issued));
		assertThat(introspection.statusCode()).isEqualTo(200);
		assertThat(json.readTree(introspection.body()).get("active").asBoolean()).isFalse();
	}

	@Test
	void authorizationCodeWhenPkceAndConsentThenCodeExchangedOnceForTokens() throws Exception {
		approve();
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.PRODUCTION, null);
		UserAccount customer = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var account = customers.create("Clinic " + UUID.randomUUID(), customer.id());
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		WebSession browser = web();

		var unauthenticated = browser.get(authorize(secret.clientId(), REDIRECT, challenge(verifier), "S256"));
		assertThat(WebSession.location(unauthenticated)).isEqualTo("/login");
		var afterLogin = browser.submitPassword(customer.email(), TestUsers.PASSWORD);
		assertThat(WebSession.location(afterLogin)).isEqualTo("/oauth2/authorize");
		var toConsent = browser.follow(afterLogin);
		assertThat(WebSession.location(toConsent)).isEqualTo("/oauth2/consent");
		var page = WebSession.html(browser.follow(toConsent));
		var oauth = new OAuthTestClient(port);
		var consent = oauth.allow(browser, page, account.id().toString());

		assertThat(consent.statusCode()).isEqualTo(302);
		String location = consent.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?");
		Map<String, String> answer = query(location);
		assertThat(answer).containsEntry("state", "client-state").containsEntry("iss", "http://127.0.0.1:" + port);
		Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", answer.get("code"),
				"redirect_uri", REDIRECT, "code_verifier", verifier);

		var tokens = token(secret.clientId(), secret.secret(), exchange);
		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(tokens.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		JsonNode body = json.readTree(tokens.body());
		var claims = verified(body.get("access_token").asString()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(customer.email());
		assertThat(claims.getStringClaim("app_id")).isEqualTo(app.id().toString());
		assertThat(claims.getStringClaim("scope")).isEqualTo(SCOPE);
		assertThat(body.get("refresh_token").asString()).isNotBlank();

		String firstRefresh = body.get("refresh_token").asString();
		var refreshed = token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String secondRefresh = json.readTree(refreshed.body()).get("refresh_token").asString();
		assertThat(secondRefresh).isNotEqualTo(firstRefresh);
		assertThat(error(token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh)))).isEqualTo("invalid_grant");
		// The replayed refresh token revoked the whole grant: the current refresh token is dead too.
		assertThat(error(token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "refresh_token", "refresh_token", secondRefresh)))).isEqualTo("invalid_grant");
		assertThat(auditLog.find(dev.gatehouse.auditlog.AuditQuery.all()).entries())
			.anySatisfy(e -> assertThat(e.action()).isEqualTo("authserver.refresh_token.reused"));

		// A code used twice: refused, and what it issued is revoked (RFC 6749 section 4.1.2).
		assertThat(error(token(secret.clientId(), secret.secret(), exchange))).isEqualTo("invalid_grant");
		assertThat(error(token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "refresh_token", "refresh_token", secondRefresh)))).isEqualTo("invalid_grant");
	}

	private String error(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		return json.readTree(response.body()).get("error").asString();
	}

	@Test
	void authorizeWhenCodeChallengeMissingThenErrorRedirectInvalidRequest() throws Exception {
		String clientId = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null).clientId();

		var response = send(HttpRequest.newBuilder(uri(authorize(clientId, REDIRECT, null, null))).GET());

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?");
		assertThat(query(location)).containsEntry("error", "invalid_request")
			.containsEntry("state", "client-state")
			.containsEntry("iss", "http://127.0.0.1:" + port);
	}

	@Test
	void authorizeWhenCodeChallengeMethodPlainThenRefused() throws Exception {
		String clientId = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null).clientId();

		var response = send(HttpRequest.newBuilder(uri(authorize(clientId, REDIRECT, "plain-challenge-value", "plain"))).GET());

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT + "?");
		assertThat(query(location)).containsEntry("error", "invalid_request");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenBadRequestWithoutRedirect() throws Exception {
		String clientId = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null).clientId();

		var response = send(HttpRequest.newBuilder(uri(authorize(clientId, REDIRECT + "/other", challenge("v"), "S256"))).GET());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void authorizeWhenLoginStillNeedsItsSecondFactorThenNoCodeIsIssued() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		var enrolled = TestUsers.createWithTotp(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		WebSession browser = web();
		assertThat(WebSession.location(browser.submitPassword(enrolled.email(), TestUsers.PASSWORD)))
			.isEqualTo("/login/second-factor");

		var response = browser.get(authorize(secret.clientId(), REDIRECT, challenge("verifier-verifier"), "S256"));

		// Sent to finish the second factor, with no code issued; afterwards the request resumes.
		assertThat(WebSession.location(response)).isEqualTo("/login/second-factor");
		assertThat(jdbc.sql("select count(*) from authserver.oauth2_authorization where registered_client_id = :client")
			.param("client", secret.clientId())
			.query(Integer.class)
			.single()).isZero();
		browser.get("/login/second-factor");
		var afterCode = browser.post("/login/second-factor", java.util.Map.of("code", TestUsers.code(enrolled.secret(), 0)));
		assertThat(afterCode.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).contains("/oauth2/authorize?"));
	}

	@Test
	void authorizeWhenAppSuspendedThenBadRequestAndNoRedirect() throws Exception {
		approve();
		IssuedSecret production = credentials.issueClientSecret(app.id(), developer.id(), Environment.PRODUCTION, null);
		String request = authorize(production.clientId(), REDIRECT, challenge("verifier-verifier"), "S256");
		assertThat(send(HttpRequest.newBuilder(uri(request)).GET()).statusCode()).isEqualTo(302);

		registry.changeStatus(app.id(), AppStatus.SUSPENDED, "ops", "Unanswered breach questions");

		var response = send(HttpRequest.newBuilder(uri(request)).GET());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void clientCredentialsWhenOrganizationSuspendedThenInvalidClientForTheSandboxCredentialOfADraftApp() throws Exception {
		IssuedSecret sandbox = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		var before = token(sandbox.clientId(), sandbox.secret(), Map.of("grant_type", "client_credentials"));
		assertThat(before.statusCode()).isEqualTo(200);
		String issued = json.readTree(before.body()).get("access_token").asString();
		var stranger = dev.gatehouse.support.AppFixtures.draftApp(context);
		IssuedSecret introspector = credentials.issueClientSecret(stranger.app().id(), stranger.developer().id(),
				Environment.SANDBOX, null);

		suspensions.suspend(app.organizationId(), "compliance", "Fake reviews across the organization");

		var after = token(sandbox.clientId(), sandbox.secret(), Map.of("grant_type", "client_credentials"));
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(json.readTree(after.body()).get("error").asString()).isEqualTo("invalid_client");
		var introspection = form("/oauth2/introspect", basic(introspector.clientId(), introspector.secret()),
				Map.of("token", issued));
		assertThat(json.readTree(introspection.body()).get("active").asBoolean()).isFalse();

		suspensions.reinstate(app.organizationId(), "compliance", "Reviews removed");

		assertThat(token(sandbox.clientId(), sandbox.secret(), Map.of("grant_type", "client_credentials")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void clientCredentialsWhenOrganizationSuspendedDuringReviewThenNoApprovalAndNoTokenUntilReinstated() throws Exception {
		IssuedSecret sandbox = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		jdbc.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id").param("id", app.id().value()).update();
		registry.submit(app.id(), developer.id());
		registry.startReview(app.id(), "reviewer");
		suspensions.suspend(app.organizationId(), "compliance", "Fake reviews across the organization");

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.approve(app.id(), "reviewer", "ok"))
			.hasMessageContaining("suspended");
		assertThat(registry.require(app.id()).status()).isNotEqualTo(AppStatus.APPROVED);
		var refused = token(sandbox.clientId(), sandbox.secret(), Map.of("grant_type", "client_credentials"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("invalid_client");

		suspensions.reinstate(app.organizationId(), "compliance", "Reviews removed");
		registry.approve(app.id(), "reviewer", "ok");
		IssuedSecret production = credentials.issueClientSecret(app.id(), developer.id(), Environment.PRODUCTION, null);
		assertThat(token(production.clientId(), production.secret(), Map.of("grant_type", "client_credentials")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void authorizeWhenOrganizationSuspendedThenBadRequestAndNoRedirectForTheSandboxCredential() throws Exception {
		IssuedSecret sandbox = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		String request = authorize(sandbox.clientId(), REDIRECT, challenge("verifier-verifier"), "S256");
		assertThat(send(HttpRequest.newBuilder(uri(request)).GET()).statusCode()).isEqualTo(302);

		suspensions.suspend(app.organizationId(), "compliance", "Fake reviews across the organization");

		var response = send(HttpRequest.newBuilder(uri(request)).GET());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void signingKeysWhenPublishedThenStoredSealedAndOnlyPublicHalvesServed() throws Exception {
		var jwks = JWKSet.parse(send(HttpRequest.newBuilder(uri("/oauth2/jwks")).GET()).body());

		var rows = jdbc.sql("select kid, algorithm, private_jwk from authserver.signing_keys where retired_at is null")
			.query((rs, n) -> Map.entry(rs.getString("kid"), rs.getBytes("private_jwk")))
			.list();
		assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(key -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getAlgorithm().getName()).isEqualTo("ES256");
			assertThat(((ECKey) key).getCurve().getName()).isEqualTo("P-256");
		});
		assertThat(rows).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrderElementsOf(jwks.getKeys().stream().map(k -> k.getKeyID()).toList());
		assertThat(rows).allSatisfy(row -> assertThat(new String(row.getValue(), StandardCharsets.ISO_8859_1))
			.doesNotContain("\"d\"").doesNotContain("P-256"));
	}

	@Test
	void jwksWhenKeysRotatedInAnEmergencyThenOnlyTheNewKeyIsPublishedAndSigns() throws Exception {
		IssuedSecret secret = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		String before = json.readTree(token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "client_credentials", "scope", SCOPE)).body()).get("access_token").asString();
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

		String newKid = context.getBean(dev.gatehouse.authserver.internal.SigningKeyRotation.class).rotateNow();

		var jwks = JWKSet.parse(send(HttpRequest.newBuilder(uri("/oauth2/jwks")).GET()).body());
		assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).contains(newKid).doesNotContain(oldKid);
		String after = json.readTree(token(secret.clientId(), secret.secret(),
				Map.of("grant_type", "client_credentials", "scope", SCOPE)).body()).get("access_token").asString();
		assertThat(verified(after).getHeader().getKeyID()).isEqualTo(newKid);
	}

	private void approve() {
		jdbc.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id").param("id", app.id().value()).update();
		registry.submit(app.id(), developer.id());
		registry.startReview(app.id(), "reviewer");
		registry.approve(app.id(), "reviewer", "ok");
	}

	private static String authorize(String clientId, String redirectUri, String challenge, String method) {
		var params = new LinkedHashMap<String, String>();
		params.put("response_type", "code");
		params.put("client_id", clientId);
		params.put("redirect_uri", redirectUri);
		params.put("scope", SCOPE);
		params.put("state", "client-state");
		if (challenge != null) {
			params.put("code_challenge", challenge);
			params.put("code_challenge_method", method);
		}
		return "/oauth2/authorize?" + encode(params);
	}

	private static String challenge(String verifier) {
		return OAuthTestClient.challenge(verifier);
	}

	private SignedJWT verified(String token) throws Exception {
		var jwks = send(HttpRequest.newBuilder(uri("/oauth2/jwks")).GET());
		assertThat(jwks.statusCode()).isEqualTo(200);
		JWKSet keys = JWKSet.parse(jwks.body());
		assertThat(keys.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
		SignedJWT jwt = SignedJWT.parse(token);
		ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
		return jwt;
	}

	private HttpResponse<String> token(String clientId, String secret, Map<String, String> params) {
		return oauth().token(clientId, secret, params);
	}

	private static String basic(String clientId, String secret) {
		return OAuthTestClient.basic(clientId, secret);
	}

	private HttpResponse<String> form(String path, String authorization, Map<String, String> params) {
		return oauth().form(path, authorization, params);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return oauth().send(request);
	}

	private URI uri(String path) {
		return oauth().uri(path);
	}

	private static String encode(Map<String, String> params) {
		return OAuthTestClient.encode(params);
	}

	private static Map<String, String> query(String location) {
		return OAuthTestClient.query(location);
	}

	private OAuthTestClient oauth() {
		return new OAuthTestClient(port);
	}

	private static java.util.List<String> texts(JsonNode array) {
		var values = new java.util.ArrayList<String>();
		array.forEach(node -> values.add(node.asString()));
		return values;
	}

}
