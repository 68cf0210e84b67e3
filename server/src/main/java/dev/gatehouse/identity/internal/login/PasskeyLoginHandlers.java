package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.internal.LoginEventLog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * The answers to {@code POST /login/webauthn}, which the login page's script reads. An accepted
 * passkey counts as password and second factor and continues through {@link LoginFlow} like a
 * password would, so forced password changes, the fresh session id and the login events still
 * apply. The JSON is the shape Spring's own passkey script expects:
 * {@code {"authenticated": true, "redirectUrl": "..."}}.
 */
final class PasskeyLoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final LoginFlow flow;

	private final GatehouseUserDetailsService users;

	private final LoginEventLog loginEvents;

	PasskeyLoginHandlers(LoginFlow flow, GatehouseUserDetailsService users, LoginEventLog loginEvents) {
		this.flow = flow;
		this.users = users;
		this.loginEvents = loginEvents;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		// Spring's principal is its WebAuthn user entity; ours is found by the same login name.
		var user = (GatehousePrincipal) users.loadUserByUsername(authentication.getName());
		var details = LoginDetails.of(request);
		loginEvents.record(user.userId(), user.email(), LoginEventType.PASSKEY_SUCCEEDED, "passkey", details.ip(),
				details.userAgent());
		String next = flow.advanceAfterPasskey(user, request, response);
		boolean authenticated = !next.startsWith("/login?");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		JsonMapper.shared()
			.writeValue(response.getWriter(),
					Map.of("authenticated", authenticated, "redirectUrl", request.getContextPath() + next));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) {
		var details = LoginDetails.of(request);
		if (exception instanceof PasskeyRejectedException rejected) {
			loginEvents.record(rejected.userId(), rejected.username(), LoginEventType.PASSKEY_FAILED, rejected.reason(),
					details.ip(), details.userAgent());
		}
		else {
			loginEvents.record(null, "", LoginEventType.PASSKEY_FAILED, "no valid passkey response", details.ip(),
					details.userAgent());
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
	}

}
