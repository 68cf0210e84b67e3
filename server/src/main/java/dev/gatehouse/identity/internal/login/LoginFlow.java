package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.LoginThrottle;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Walks a login from the accepted password through the remaining steps (second factor, forced
 * password change, second-factor enrolment) to a complete login with a fresh session id.
 */
@Component
public class LoginFlow {

	private final GatehouseUserDetailsService users;

	private final LoginEventLog loginEvents;

	private final LoginThrottle throttle;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final RequestCache requestCache = new HttpSessionRequestCache();

	LoginFlow(GatehouseUserDetailsService users, LoginEventLog loginEvents, LoginThrottle throttle) {
		this.users = users;
		this.loginEvents = loginEvents;
		this.throttle = throttle;
	}

	static LoginStage next(GatehousePrincipal principal, boolean secondFactorVerified) {
		if (principal.secondFactorEnrolled() && !secondFactorVerified) {
			return LoginStage.VERIFY_SECOND_FACTOR;
		}
		if (principal.mustChangePassword()) {
			return LoginStage.CHANGE_PASSWORD;
		}
		if (principal.kind().secondFactorRequired() && !principal.secondFactorEnrolled()) {
			return LoginStage.ENROLL_SECOND_FACTOR;
		}
		return LoginStage.COMPLETE;
	}

	/** The pending login of this request, if the user is between steps. */
	public PendingLogin pending() {
		Authentication authentication = contexts.getContext().getAuthentication();
		return authentication instanceof PendingLogin pending ? pending : null;
	}

	/**
	 * Moves to the next step after one was done and returns where to send the browser. The
	 * principal is reloaded, so a disabled account stops here.
	 */
	public String advance(GatehousePrincipal principal, boolean secondFactorVerified, HttpServletRequest request,
			HttpServletResponse response) {
		PendingLogin pending = pending();
		return advance(principal, secondFactorVerified, pending != null && pending.passkey(), request, response);
	}

	/** The first step was a passkey: it counts as password and second factor together. */
	public String advanceAfterPasskey(GatehousePrincipal principal, HttpServletRequest request,
			HttpServletResponse response) {
		return advance(principal, true, true, request, response);
	}

	private String advance(GatehousePrincipal principal, boolean secondFactorVerified, boolean passkey,
			HttpServletRequest request, HttpServletResponse response) {
		GatehousePrincipal fresh = users.reload(principal);
		if (!fresh.isEnabled()) {
			contexts.clearContext();
			return "/login?error";
		}
		if (!fresh.emailVerified()) {
			// Only after the right password, so this does not reveal which addresses have accounts.
			contexts.clearContext();
			return "/login?unverified";
		}
		LoginStage stage = next(fresh, secondFactorVerified);
		if (stage == LoginStage.COMPLETE) {
			return complete(fresh, secondFactorVerified, passkey, request, response);
		}
		save(new PendingLogin(fresh, stage, secondFactorVerified, passkey), request, response);
		return stage.path();
	}

	private String complete(GatehousePrincipal principal, boolean secondFactorVerified, boolean passkey,
			HttpServletRequest request, HttpServletResponse response) {
		principal.eraseCredentials();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.fullAuthorities());
		authentication.setDetails(LoginDetails.of(request));
		// A new session id once the login is complete: an id fixed or observed before cannot ride it.
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		save(authentication, request, response);
		var details = LoginDetails.of(request);
		throttle.recordSuccess(principal.email());
		loginEvents.record(principal.userId(), principal.email(), LoginEventType.LOGIN_SUCCEEDED,
				passkey ? "passkey" : secondFactorVerified ? "password and second factor" : "password", details.ip(),
				details.userAgent());
		SavedRequest saved = requestCache.getRequest(request, response);
		requestCache.removeRequest(request, response);
		return saved == null ? "/" : saved.getRedirectUrl();
	}

	private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		var context = contexts.createEmptyContext();
		context.setAuthentication(authentication);
		contexts.setContext(context);
		repository.saveContext(context, request, response);
	}

}
