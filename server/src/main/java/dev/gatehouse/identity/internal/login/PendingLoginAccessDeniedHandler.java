package dev.gatehouse.identity.internal.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/** A half-finished login that wanders off is sent back to its current step (and then returned); others get a 403. */
public final class PendingLoginAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

	// Remembered so that finishing the login step leads back to the page (or authorization request) asked for.
	private final org.springframework.security.web.savedrequest.RequestCache requestCache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, jakarta.servlet.ServletException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof PendingLogin pending
				&& "GET".equals(request.getMethod())) {
			requestCache.saveRequest(request, response);
			response.sendRedirect(request.getContextPath() + pending.stage().path());
			return;
		}
		forbidden.handle(request, response, ex);
	}

}
