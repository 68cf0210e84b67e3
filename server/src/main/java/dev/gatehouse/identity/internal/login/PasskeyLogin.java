package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.shared.security.Authorities;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Passkeys on the page chain, with Spring Security's WebAuthn endpoints:
 * <ul>
 * <li>{@code POST /webauthn/authenticate/options} and {@code POST /login/webauthn}: log in. Our
 * provider also refuses disabled accounts; our handlers record login events and hand an accepted
 * passkey to {@link LoginFlow}. The filter itself stores nothing in the session: only the login flow
 * does, once it knows where the login stands.</li>
 * <li>{@code POST /webauthn/register/options} and {@code POST /webauthn/register}: add a passkey,
 * for complete logins only (the options endpoint runs before the authorization rules and on its own
 * would accept a half-finished login, so it gets a guard).</li>
 * </ul>
 * Spring's default registration page is off; the account page lists and deletes passkeys.
 */
@Component
public class PasskeyLogin {

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final GatehouseUserDetailsService users;

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final LoginFlow flow;

	private final LoginEventLog loginEvents;

	PasskeyLogin(WebAuthnRelyingPartyOperations relyingParty, GatehouseUserDetailsService users,
			UserCredentialRepository credentials, PublicKeyCredentialUserEntityRepository userEntities, LoginFlow flow,
			LoginEventLog loginEvents) {
		this.relyingParty = relyingParty;
		this.users = users;
		this.credentials = credentials;
		this.userEntities = userEntities;
		this.flow = flow;
		this.loginEvents = loginEvents;
	}

	void configure(HttpSecurity http) {
		var handlers = new PasskeyLoginHandlers(flow, users, loginEvents);
		var provider = new ProviderManager(
				new PasskeyAuthenticationProvider(relyingParty, users, credentials, userEntities));
		http.webAuthn(webAuthn -> webAuthn.disableDefaultRegistrationPage(true)
			.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationManager(provider);
					filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
					filter.setAuthenticationSuccessHandler(handlers);
					filter.setAuthenticationFailureHandler(handlers);
					return filter;
				}
			}))
			.addFilterAfter(new CompleteLoginRequired(
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/register/options")),
					ExceptionTranslationFilter.class);
	}

	/** Refuses the matched requests unless the login is complete; runs before Spring's options filter. */
	static final class CompleteLoginRequired extends OncePerRequestFilter {

		private final RequestMatcher matcher;

		CompleteLoginRequired(RequestMatcher matcher) {
			this.matcher = matcher;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (matcher.matches(request) && !loginComplete()) {
				throw new AccessDeniedException("a complete login is required");
			}
			chain.doFilter(request, response);
		}

		private static boolean loginComplete() {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			return authentication != null && authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.anyMatch(Authorities.LOGIN_COMPLETE::equals);
		}

	}

}
