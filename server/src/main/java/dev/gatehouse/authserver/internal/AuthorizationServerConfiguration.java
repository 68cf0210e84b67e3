package dev.gatehouse.authserver.internal;

import dev.gatehouse.shared.db.SchemaQualifiedJdbcOperations;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.shared.crypto.SecretBox;
import dev.gatehouse.shared.security.Authorities;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization server's filter chain (before the API and page chains) and what it runs on:
 * clients from the app registry, authorizations and consents in the authserver schema, ES256 keys
 * from {@link SigningKeys}, and RFC 9068 access tokens naming the app. Users log in through the
 * page chain's {@code /login}, which returns them to the saved authorization request.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	/** The grants advertised; device code and token exchange are not offered to our clients. */
	static final Set<String> GRANTS = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	@Bean
	@Order(0)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, AppCredentials credentials,
			AuthorizationServerSettings settings, ObjectProvider<ConsentSteps> consentSteps, ClientCache cache)
			throws Exception {
		var clientSecrets = new AppClientSecrets(credentials, cache);
		var issuerInResponses = new IssuerInAuthorizationResponses();
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.forEach(p -> {
					if (p instanceof ClientSecretAuthenticationProvider secrets) {
						secrets.setPasswordEncoder(clientSecrets);
					}
				})))
				.authorizationEndpoint(endpoint -> endpoint.authorizationResponseHandler(issuerInResponses)
					.errorResponseHandler(issuerInResponses)
					.consentPage(ConsentPage.PATH)
					.authenticationProviders(providers -> providers.replaceAll(p -> consentSteps.getObject().adapt(p))))
				.authorizationServerMetadataEndpoint(metadata -> metadata
					.authorizationServerMetadataCustomizer(m -> m.grantTypes(grants -> grants.retainAll(GRANTS))
						.claim("authorization_response_iss_parameter_supported", true)))
				.oidc(oidc -> oidc.providerConfigurationEndpoint(provider -> provider
					.providerConfigurationCustomizer(p -> p.grantTypes(grants -> grants.retainAll(GRANTS))
						.claim("authorization_response_iss_parameter_supported", true)
						.idTokenSigningAlgorithms(algorithms -> {
							algorithms.clear();
							algorithms.add(SignatureAlgorithm.ES256.getName());
						}))));
		})
			// Only a complete login authorizes an app: a login between steps (second factor, password
			// change) is authenticated too, but lacks this authority. Security 7.1 checks the request
			// itself (client, redirect URI, PKCE) before these rules, so a bad request is answered
			// without a login, and issues codes only after them.
			.authorizeHttpRequests(auth -> auth.requestMatchers(authorizationEndpoint(settings))
				.hasAuthority(Authorities.LOGIN_COMPLETE)
				.anyRequest()
				.authenticated())
			// A browser that is not logged in goes to our login page and comes back to the request.
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					authorizationEndpoint(settings))
				// A login still at its second factor is sent to finish it, then back to the request.
				.accessDeniedHandler(dev.gatehouse.identity.LoginSteps.accessDeniedHandler()))
			.oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
		return http.build();
	}

	/**
	 * Gatehouse's consent rules inside the framework's authorization endpoint: the consent screen is
	 * never skipped (every authorization request shows it, also for an app installed before), and
	 * an approval becomes an installation with its ledger row ({@link InstallingConsent}).
	 */
	@Bean
	ConsentSteps consentSteps(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService consents, ConsentScreens screens, ConsentApprovals approvals,
			InstallationAuthorizations links, PlatformTransactionManager transactions) {
		return provider -> {
			if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
				requests.setAuthorizationConsentRequired(context -> true);
				return requests;
			}
			if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider) {
				return new InstallingConsent(new OAuth2AuthorizationConsentAuthenticationProvider(clients, authorizations, consents),
						authorizations, screens, approvals, links, new TransactionTemplate(transactions));
			}
			return provider;
		};
	}

	/** Adapts the authorization endpoint's providers (a bean, so the chain gets its collaborators late). */
	interface ConsentSteps {

		AuthenticationProvider adapt(AuthenticationProvider provider);

	}

	private static PathPatternRequestMatcher authorizationEndpoint(AuthorizationServerSettings settings) {
		return PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint());
	}

	/** Default endpoint paths; the issuer from {@code gatehouse.authserver.issuer}, else from each request. */
	@Bean
	AuthorizationServerSettings authorizationServerSettings(dev.gatehouse.authserver.AuthServerProperties properties) {
		var settings = AuthorizationServerSettings.builder();
		if (properties.issuer() != null && !properties.issuer().isBlank()) {
			settings.issuer(properties.issuer().strip());
		}
		return settings.build();
	}

	@Bean
	ClientCache clientCache(dev.gatehouse.authserver.AuthServerProperties properties) {
		return new ClientCache(properties.clientCache());
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(AppCredentials credentials, AppRegistry registry,
			dev.gatehouse.apps.AppSanctions sanctions, dev.gatehouse.developers.OrganizationSuspensions suspensions,
			ClientCache cache) {
		return new AppRegisteredClients(credentials, registry, sanctions, suspensions, cache);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients,
			SpentRefreshTokens spent, org.springframework.context.ApplicationEventPublisher events, SigningKeys keys,
			JdbcClient jdbcClient, Clock clock) {
		// The service looks up each row's client while the row is open: it gets the lenient view.
		RegisteredClientRepository rowClients = clients instanceof AppRegisteredClients app ? app.whileReadingRows() : clients;
		return new PortableAuthorizations(
				new LeanJdbcAuthorizations(SchemaQualifiedJdbcOperations.wrap(jdbc, "authserver", "oauth2_authorization"), rowClients), spent, events,
				new ClientCredentialsTokens(keys, clients, jdbcClient, clock), clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService() {
		return new NoStandingConsents();
	}

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, SecretBox box, Clock clock) {
		return new SigningKeys(jdbc, box, clock);
	}

	@Bean
	SigningKeysIssuer accessTokenIssuer(SigningKeys keys, dev.gatehouse.authserver.AuthServerProperties properties,
			dev.gatehouse.shared.web.WebProperties web) {
		return new SigningKeysIssuer(keys, properties, web);
	}

	@Bean
	SigningKeyRotation signingKeyRotation(JdbcClient jdbc, SigningKeys keys,
			dev.gatehouse.authserver.AuthServerProperties properties,
			org.springframework.context.ApplicationEventPublisher events, Clock clock) {
		return new SigningKeyRotation(jdbc, keys, properties.keys(), events, clock);
	}

	@Bean
	JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
		var encoder = new NimbusJwtEncoder(keys);
		// Every published key matches ES256; the source lists the signer first.
		encoder.setJwkSelector(List<JWK>::getFirst);
		return encoder;
	}

	/**
	 * ES256 for every token; access tokens follow RFC 9068 ({@code typ: at+jwt}) and name the app,
	 * the credential's environment and, for a user's authorization, the installation and customer
	 * account it acts for. The {@code scope} claim holds only scopes the app's revision in force
	 * still has, so a scope taken away stops at the next refresh. The audience is the platform API.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(SigningKeysIssuer issuer) {
		return context -> {
			context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			context.getJwsHeader().type("at+jwt");
			var client = context.getRegisteredClient();
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				context.getClaims().claim(ClientCredentialsTokens.GRANT_CLAIM, AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
			}
			context.getClaims()
				.id(UUID.randomUUID().toString())
				// RFC 9068 section 3: the resource server, so a token for the platform API is only that.
				// A singleton list: the stored authorization is read back through an allowlist of JSON types.
				.audience(java.util.Collections.singletonList(issuer.audience()))
				// RFC 9068 section 2.2.3: one space-separated string, as in the token response.
				.claims(claims -> claims.remove("scope"))
				.claim("client_id", client.getClientId())
				.claim("app_id", client.getClientSettings().<String>getSetting(AppRegisteredClients.APP_ID))
				.claim("client_environment", client.getClientSettings().<String>getSetting(AppRegisteredClients.ENVIRONMENT));
			var authorization = context.getAuthorization();
			if (authorization != null && authorization.getAttribute(InstallingConsent.INSTALLATION_ID) != null) {
				context.getClaims()
					.claim("installation_id", authorization.<String>getAttribute(InstallingConsent.INSTALLATION_ID))
					.claim("customer_account_id", authorization.<String>getAttribute(InstallingConsent.ACCOUNT_ID));
			}
			var scopes = new TreeSet<>(context.getAuthorizedScopes());
			scopes.retainAll(client.getScopes());
			if (!scopes.isEmpty()) {
				context.getClaims().claim("scope", String.join(" ", scopes));
			}
		};
	}

}
