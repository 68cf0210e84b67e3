package dev.gatehouse.authserver.internal;

import dev.gatehouse.authserver.internal.ConsentScreen.AccountChoice;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.shared.security.UserPrincipal;

import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Spring's consent step, made into an installation. Before the framework issues the code, the
 * approval must match what Gatehouse's screen shows now (same text hash, every scope asked for) and
 * name an account the user may choose; then, in one transaction with the code, the installation is
 * created or widened, the authorization is tied to it, and the consent ledger gets its row. A
 * declined consent goes straight to the framework, which answers {@code access_denied}.
 */
final class InstallingConsent implements AuthenticationProvider {

	static final String ACCOUNT_PARAMETER = "customer_account";

	static final String HASH_PARAMETER = "consent_hash";

	static final String INSTALLATION_ID = "gatehouse.installation_id";

	static final String ACCOUNT_ID = "gatehouse.customer_account_id";

	static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final ConsentScreens screens;

	private final ConsentApprovals approvals;

	private final InstallationAuthorizations links;

	private final TransactionTemplate transactions;

	InstallingConsent(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations, ConsentScreens screens,
			ConsentApprovals approvals, InstallationAuthorizations links, TransactionTemplate transactions) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.screens = screens;
		this.approvals = approvals;
		this.links = links;
		this.transactions = transactions;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2AuthorizationConsentAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var consent = (OAuth2AuthorizationConsentAuthenticationToken) authentication;
		OAuth2Authorization pending = authorizations.findByToken(consent.getState(), STATE);
		if (consent.getScopes().isEmpty() || pending == null
				|| !(consent.getPrincipal() instanceof Authentication user)
				|| !(user.getPrincipal() instanceof UserPrincipal principal)) {
			// Declined, or a request the framework itself refuses with the right RFC 6749 error.
			return delegate.authenticate(consent);
		}
		OAuth2AuthorizationRequest request = pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Set<String> requested = new TreeSet<>(request.getScopes());
		var userId = new UserId(principal.userUuid());
		ConsentScreen screen = screens.build(consent.getClientId(), requested, userId).orElse(null);
		if (screen == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		}
		if (!new TreeSet<>(consent.getScopes()).equals(requested)
				|| !screen.textHash().equals(parameter(consent, HASH_PARAMETER))) {
			throw retry(consent, "changed");
		}
		AccountChoice choice = screen.accounts()
			.stream()
			.filter(AccountChoice::selectable)
			.filter(c -> c.account().id().toString().equals(parameter(consent, ACCOUNT_PARAMETER)))
			.findFirst()
			.orElseThrow(() -> retry(consent, "account"));
		String ip = clientAddress();
		return transactions.execute(status -> {
			var issued = (OAuth2AuthorizationCodeRequestAuthenticationToken) delegate.authenticate(consent);
			CustomerAccountId account = choice.account().id();
			Installation installation = approvals.approve(screen, choice, requested, userId, principal.email(), ip);
			OAuth2Authorization authorization = authorizations.findByToken(issued.getAuthorizationCode().getTokenValue(), CODE);
			authorizations.save(OAuth2Authorization.from(authorization)
				.attribute(INSTALLATION_ID, installation.id().toString())
				.attribute(ACCOUNT_ID, account.toString())
				.build());
			links.link(authorization.getId(), installation.id().value(), account.value());
			return issued;
		});
	}

	private static String parameter(OAuth2AuthorizationConsentAuthenticationToken consent, String name) {
		Object value = consent.getAdditionalParameters().get(name);
		return value instanceof String text ? text : null;
	}

	private static ConsentRetryException retry(OAuth2AuthorizationConsentAuthenticationToken consent, String reason) {
		String page = UriComponentsBuilder.fromPath(ConsentPage.PATH)
			.queryParam(OAuth2ParameterNames.CLIENT_ID, consent.getClientId())
			.queryParam(OAuth2ParameterNames.STATE, consent.getState())
			.queryParam("retry", reason)
			.encode(StandardCharsets.UTF_8)
			.build()
			.toUriString();
		return new ConsentRetryException(page);
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return "unknown";
	}

}
