package dev.gatehouse.identity.internal.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/** The password was right: continue with the remaining login steps. */
final class PasswordAcceptedHandler implements AuthenticationSuccessHandler {

	private final LoginFlow flow;

	PasswordAcceptedHandler(LoginFlow flow) {
		this.flow = flow;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		request.getSession().removeAttribute(LoginFailureHandler.LAST_USERNAME);
		var principal = (GatehousePrincipal) authentication.getPrincipal();
		response.sendRedirect(request.getContextPath() + flow.advance(principal, false, request, response));
	}

}
