package dev.gatehouse.authserver;

import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.AppFixtures.DraftApp;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.OAuthTestClient;
import dev.gatehouse.support.WebSession;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a grant must pass, each broken once, over real HTTP. */
class GrantRulesSystemTests extends OAuthSystemTest {

	static final String LOOPBACK = "http://127.0.0.1:3000/callback";

	WebSession browser;

	@Override
	protected List<String> extraRedirectUris() {
		return List.of(LOOPBACK);
	}

	@BeforeEach
	void loggedInAdmin() {
		browser = loggedIn(admin);
	}

	@Test
	void authorizeWhenRedirectUriIsANearMissThenBadRequestAndNoRedirect() {
		for (String nearMiss : List.of(REDIRECT + "/", REDIRECT + "?next=1", REDIRECT + "#top",
				"http://reminders.example.com/oauth/callback", "https://reminders.example.com.attacker.example/oauth/callback",
				"https://REMINDERS.example.com/oauth/callback", "https://reminders.example.com/oauth/callback/../callback",
				"https://reminders.example.com/oauth/Callback", "http://127.0.0.1:3000/callback/other")) {
			var response = browser.get(OAuthTestClient.authorizePath(client.clientId(), nearMiss, SCOPE, OAuthTestClient.newVerifier()));

			assertThat(response.statusCode()).as(nearMiss).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).as(nearMiss).isEmpty();
		}
	}

	@Test
	void authorizeWhenLoopbackRedirectUsesAnotherPortThenAccepted() {
		String otherPort = "http://127.0.0.1:51234/callback";

		var answer = oauth.authorize(browser, client.clientId(), otherPort, SCOPE, OAuthTestClient.newVerifier(),
				clinic.id().toString());

		assertThat(answer).containsKey("code");
	}

	@Test
	void codeExchangeWhenVerifierIsWrongThenInvalidGrant() {
		var answer = oauth.authorize(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(), clinic.id().toString());

		var response = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "authorization_code", "code",
				answer.get("code"), "redirect_uri", REDIRECT, "code_verifier", OAuthTestClient.newVerifier()));

		assertThat(oauth.error(response)).isEqualTo("invalid_grant");
	}

	@Test
	void codeExchangeWhenVerifierMissingThenRefused() {
		var answer = oauth.authorize(browser, client.clientId(), REDIRECT, SCOPE, OAuthTestClient.newVerifier(), clinic.id().toString());

		var response = oauth.token(client.clientId(), client.secret(),
				Map.of("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", REDIRECT));

		assertThat(oauth.error(response)).isIn("invalid_grant", "invalid_request");
	}

	@Test
	void codeExchangeWhenCodeBelongsToAnotherClientThenInvalidGrant() {
		String verifier = OAuthTestClient.newVerifier();
		var answer = oauth.authorize(browser, client.clientId(), REDIRECT, SCOPE, verifier, clinic.id().toString());
		IssuedSecret other = otherAppsClient();

		var response = oauth.token(other.clientId(), other.secret(), Map.of("grant_type", "authorization_code", "code",
				answer.get("code"), "redirect_uri", REDIRECT, "code_verifier", verifier));

		assertThat(oauth.error(response)).isEqualTo("invalid_grant");
		// A code shown to another client has leaked: it is spent, and the rightful client cannot redeem it either.
		var rightful = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "authorization_code", "code",
				answer.get("code"), "redirect_uri", REDIRECT, "code_verifier", verifier));
		assertThat(oauth.error(rightful)).isEqualTo("invalid_grant");
	}

	@Test
	void codeExchangeWhenRedirectUriDiffersFromTheRequestThenInvalidGrant() {
		String verifier = OAuthTestClient.newVerifier();
		var answer = oauth.authorize(browser, client.clientId(), REDIRECT, SCOPE, verifier, clinic.id().toString());

		var response = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "authorization_code", "code",
				answer.get("code"), "redirect_uri", LOOPBACK, "code_verifier", verifier));

		assertThat(oauth.error(response)).isEqualTo("invalid_grant");
	}

	@Test
	void refreshWhenScopeWiderThanGrantedThenInvalidScope() {
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());

		var response = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "refresh_token", "refresh_token",
				tokens.get("refresh_token").asString(), "scope", SCOPE + " " + TestApps.MARKETING.name()));

		assertThat(oauth.error(response)).isEqualTo("invalid_scope");
	}

	@Test
	void refreshWhenPresentedByAnotherClientThenInvalidGrant() {
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		IssuedSecret other = otherAppsClient();

		var response = oauth.refresh(other.clientId(), other.secret(), tokens.get("refresh_token").asString());

		assertThat(oauth.error(response)).isEqualTo("invalid_grant");
	}

	@Test
	void tokensWhenAppSuspendedThenRefreshRefusedAndAccessTokenInactive() {
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		IssuedSecret introspector = otherAppsClient();

		registry.changeStatus(fixture.app().id(), AppStatus.SUSPENDED, "compliance", "Breach under investigation");

		assertThat(oauth.error(oauth.refresh(client.clientId(), client.secret(), tokens.get("refresh_token").asString())))
			.isEqualTo("invalid_client");
		assertThat(oauth.active(introspector.clientId(), introspector.secret(), tokens.get("access_token").asString())).isFalse();
		assertThat(oauth.error(oauth.token(client.clientId(), client.secret(),
				Map.of("grant_type", "client_credentials", "scope", SCOPE)))).isEqualTo("invalid_client");
	}

	@Test
	void revokeWhenRefreshTokenRevokedThenTheGrantEndsAndItsAccessTokenIsInactive() {
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		String refresh = tokens.get("refresh_token").asString();

		var revoked = oauth.form("/oauth2/revoke", OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", refresh, "token_type_hint", "refresh_token"));

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(oauth.error(oauth.refresh(client.clientId(), client.secret(), refresh))).isEqualTo("invalid_grant");
		assertThat(oauth.active(client.clientId(), client.secret(), tokens.get("access_token").asString())).isFalse();
	}

	@Test
	void revokeWhenAccessTokenRevokedByAnotherClientThenItStaysActive() {
		var tokens = oauth.tokensFor(browser, client.clientId(), client.secret(), REDIRECT, SCOPE, clinic.id().toString());
		String access = tokens.get("access_token").asString();
		IssuedSecret other = otherAppsClient();

		oauth.form("/oauth2/revoke", OAuthTestClient.basic(other.clientId(), other.secret()), Map.of("token", access));
		assertThat(oauth.active(client.clientId(), client.secret(), access)).isTrue();

		var revoked = oauth.form("/oauth2/revoke", OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", access));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(oauth.active(client.clientId(), client.secret(), access)).isFalse();
	}

	@Test
	void clientCredentialsWhenTokenRevokedThenInactiveWhileAnotherStaysActive() {
		String first = clientCredentialsToken();
		String second = clientCredentialsToken();
		assertThat(oauth.active(client.clientId(), client.secret(), first)).isTrue();
		// Stateless: no authorization row per client-credentials token.
		assertThat(jdbc.sql("select count(*) from authserver.oauth2_authorization where registered_client_id = :c")
			.param("c", client.clientId())
			.query(Integer.class)
			.single()).isZero();

		var revoked = oauth.form("/oauth2/revoke", OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", first, "token_type_hint", "access_token"));

		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(oauth.active(client.clientId(), client.secret(), first)).isFalse();
		assertThat(oauth.active(client.clientId(), client.secret(), second)).isTrue();
	}

	@Test
	void introspectWhenClientCredentialsTokenIsForgedOrTamperedThenInactive() throws Exception {
		String token = clientCredentialsToken();
		String[] parts = token.split("\\.");
		var claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
		String widened = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				claims.replace(SCOPE, SCOPE + " " + TestApps.MARKETING.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(oauth.active(client.clientId(), client.secret(), parts[0] + "." + widened + "." + parts[2])).isFalse();
		assertThat(oauth.active(client.clientId(), client.secret(), parts[0] + "." + parts[1] + ".")).isFalse();
		assertThat(oauth.json(oauth.form("/oauth2/introspect", OAuthTestClient.basic(client.clientId(), client.secret()),
				Map.of("token", token))).get("scope").asString()).isEqualTo(SCOPE);
	}

	private String clientCredentialsToken() {
		var response = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		return oauth.json(response).get("access_token").asString();
	}

	@Test
	void requestWhenAccessTokenInQueryStringThenRefusedWithInvalidRequest() {
		var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
		String token = oauth.json(tokens).get("access_token").asString();

		for (String path : List.of("/userinfo?access_token=", "/api/v1/me?access_token=", "/oauth2/jwks?x=1&access_token=")) {
			var response = oauth.send(HttpRequest.newBuilder(oauth.uri(path + token)).GET());

			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_request\""));
			assertThat(response.body()).as(path).contains("/problems/token-in-query");
		}
	}

	private IssuedSecret otherAppsClient() {
		DraftApp other = AppFixtures.draftApp(context);
		AppFixtures.approve(context, other);
		return credentials.issueClientSecret(other.app().id(), other.developer().id(), Environment.PRODUCTION, null);
	}

}
