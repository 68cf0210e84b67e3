package dev.gatehouse.privacy.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.gatehouse.shared.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * App API authentication errors: the RFC 6750 {@code WWW-Authenticate} header from Spring
 * Security's handlers and an RFC 9457 body, as on the rest of the API.
 */
final class AppApiProblemHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		entryPoint.commence(request, response, ex);
		boolean tokenPresented = request.getHeader("Authorization") != null;
		write(response, HttpStatus.UNAUTHORIZED, tokenPresented ? "invalid-token" : "authentication-required",
				tokenPresented ? "The access token is invalid or expired, or is not the app's own client-credentials token."
						: "Send the app's client-credentials access token in the Authorization header.",
				request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		deniedHandler.handle(request, response, ex);
		write(response, HttpStatus.FORBIDDEN, "insufficient-scope", "The token does not allow this request.", request);
	}

	private void write(HttpServletResponse response, HttpStatus status, String type, String detail,
			HttpServletRequest request) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.of(type));
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json.writeValueAsString(problem));
	}

}
