package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.LoginThrottle;
import dev.gatehouse.identity.internal.UserRepository;

import java.util.Map;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyRole;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains: the JSON API (bearer tokens, stateless, problem+json errors) and the pages
 * (form login with the extra login steps, sessions in PostgreSQL, CSRF, strict headers).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = dev.gatehouse.shared.security.ContentSecurityPolicy.PAGES;

	@Bean
	PasswordEncoder passwordEncoder() {
		// Argon2id with OWASP's minimum: 19 MiB, 2 iterations, 1 lane. Prefixed, so it can be changed later.
		var argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
	}

	@Bean
	AuthenticationManager authenticationManager(GatehouseUserDetailsService userDetails, PasswordEncoder encoder,
			LoginThrottle throttle, LoginEventLog loginEvents, UserRepository users) {
		var passwords = new DaoAuthenticationProvider(userDetails);
		passwords.setPasswordEncoder(encoder);
		var manager = new ProviderManager(
				new ThrottledPasswordAuthenticationProvider(passwords, throttle, loginEvents, users));
		manager.setEraseCredentialsAfterAuthentication(false);
		return manager;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, AccessTokens tokens) throws Exception {
		var problems = new dev.gatehouse.shared.security.BearerProblemHandlers("Send a bearer token in the Authorization header.",
				"The access token is invalid, expired or revoked.",
				"The token's scopes or its owner's roles do not allow this request.");
		http.securityMatcher("/api/**", "/actuator/prometheus")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/prometheus")
				.access(allOf(hasAuthority("SCOPE_metrics:read"), hasAuthority("KIND_OPERATOR")))
				.requestMatchers("/api/v1/audit/**")
				.access(allOf(hasAuthority("SCOPE_audit:read"), hasAnyRole("ADMIN", "COMPLIANCE")))
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(rs -> rs.opaqueToken(ot -> ot.introspector(new AccessTokenIntrospector(tokens)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens only, never cookies: no ambient credential for CSRF to abuse.
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, AuthenticationManager authenticationManager, LoginFlow flow,
			LoginEventLog loginEvents, PasskeyLogin passkeys) throws Exception {
		http.authenticationManager(authenticationManager)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error",
						"/problems/**", "/demo", "/demo/codes", "/actuator/health/**", "/actuator/health", "/actuator/info", "/v3/api-docs/**",
						"/swagger-ui/**", "/swagger-ui.html")
				.permitAll()
				// Developer sign-up and invitation links: the token in the link is the credential.
				.requestMatchers("/signup", "/signup/verify", "/signup/resend", "/invitations/accept", "/password-reset",
						"/password-reset/complete")
				.permitAll()
				// The marketplace and the logos it shows are public.
				.requestMatchers(org.springframework.http.HttpMethod.GET, "/apps/*/logo/*", "/marketplace",
						"/marketplace/**")
				.permitAll()
				.requestMatchers(LoginStage.VERIFY_SECOND_FACTOR.path())
				.hasAuthority(LoginStage.VERIFY_SECOND_FACTOR.authority())
				.requestMatchers(LoginStage.CHANGE_PASSWORD.path())
				.hasAuthority(LoginStage.CHANGE_PASSWORD.authority())
				.requestMatchers(LoginStage.ENROLL_SECOND_FACTOR.path() + "/**", LoginStage.ENROLL_SECOND_FACTOR.path())
				.hasAuthority(LoginStage.ENROLL_SECOND_FACTOR.authority())
				.requestMatchers("/operator/users/**", "/operator/users")
				.hasRole("ADMIN")
				.requestMatchers("/operator/audit/**", "/operator/audit")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				// Held emails can carry verification links: only admins and support read the outbox.
				.requestMatchers("/operator/outbox/**", "/operator/outbox")
				.hasAnyRole("ADMIN", "SUPPORT")
				.requestMatchers("/operator/legal/acceptance")
				.hasAuthority("KIND_OPERATOR")
				.requestMatchers("/operator/legal/**", "/operator/legal")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				.requestMatchers("/operator/organizations/*/verify", "/operator/organizations/*/unverify")
				.hasAnyRole("ADMIN", "REVIEWER")
				.requestMatchers("/operator/scopes/**", "/operator/scopes")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				.requestMatchers("/operator/subprocessors/**", "/operator/subprocessors")
				.hasAnyRole("ADMIN", "COMPLIANCE", "REVIEWER")
				// Routes decide what the platform API exposes: only admins change them; operators read.
				.requestMatchers("/operator/gateway/routes/**")
				.hasRole("ADMIN")
				.requestMatchers("/operator/apps/*/decisions/**")
				.hasAnyRole("ADMIN", "REVIEWER", "COMPLIANCE")
				// Enforcement decisions (actions, reinstatement, appeals, triage) are compliance decisions.
				.requestMatchers(org.springframework.http.HttpMethod.POST, "/operator/enforcement/**",
						"/operator/findings/*/violation")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				// Ruling on an app's decline of a privacy request is a compliance decision.
				.requestMatchers(org.springframework.http.HttpMethod.POST, "/operator/privacy/**")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				// Opening, amending and notifying about incidents is the compliance team's work; operators read.
				.requestMatchers(org.springframework.http.HttpMethod.POST, "/operator/incidents", "/operator/incidents/**")
				.hasAnyRole("ADMIN", "COMPLIANCE")
				.requestMatchers("/operator/**")
				.hasAuthority("KIND_OPERATOR")
				.requestMatchers("/developer/**", "/developer")
				.hasAuthority("KIND_DEVELOPER")
				.anyRequest()
				.hasAuthority(dev.gatehouse.shared.security.Authorities.LOGIN_COMPLETE))
			.formLogin(form -> form.loginPage("/login")
				.authenticationDetailsSource(LoginDetails::of)
				.successHandler(new PasswordAcceptedHandler(flow))
				.failureHandler(new LoginFailureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout")
				.addLogoutHandler(new LogoutRecorder(loginEvents))
				.logoutSuccessUrl("/login?logout")
				.permitAll())
			.exceptionHandling(ex -> ex.accessDeniedHandler(new PendingLoginAccessDeniedHandler()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny()));
		passkeys.configure(http);
		return http.build();
	}


}
