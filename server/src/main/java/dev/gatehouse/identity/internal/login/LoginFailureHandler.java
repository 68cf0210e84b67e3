package dev.gatehouse.identity.internal.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login page with one message for every wrong answer, or with the time to wait. The
 * typed email is kept for the form; the password never is.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

	static final String LAST_USERNAME = "gatehouse.login.username";

	static final String RETRY_AT = "gatehouse.login.retryAt";

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		var session = request.getSession();
		session.setAttribute(LAST_USERNAME, request.getParameter("username"));
		if (exception instanceof LoginThrottledException throttled) {
			session.setAttribute(RETRY_AT, throttled.retryAt());
			response.sendRedirect(request.getContextPath() + "/login?throttled");
			return;
		}
		session.removeAttribute(RETRY_AT);
		response.sendRedirect(request.getContextPath() + "/login?error");
	}

}
