package dev.gatehouse.shared.security;

import dev.gatehouse.shared.web.ProblemTypes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

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
 * Authentication errors of a bearer-token API: the RFC 6750 {@code WWW-Authenticate} header from
 * Spring Security's handlers and an RFC 9457 problem body, so clients get one error format
 * everywhere. Each API words its own details.
 *
 * @param missingToken detail when no token came
 * @param invalidToken detail when the token was refused
 * @param denied detail when the token may not make this request
 */
public record BearerProblemHandlers(String missingToken, String invalidToken, String denied)
		implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final BearerTokenAuthenticationEntryPoint ENTRY_POINT = new BearerTokenAuthenticationEntryPoint();

	private static final BearerTokenAccessDeniedHandler DENIED_HANDLER = new BearerTokenAccessDeniedHandler();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		ENTRY_POINT.commence(request, response, ex);
		boolean tokenPresented = request.getHeader("Authorization") != null;
		write(response, HttpStatus.UNAUTHORIZED, tokenPresented ? "invalid-token" : "authentication-required",
				tokenPresented ? invalidToken : missingToken, request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		DENIED_HANDLER.handle(request, response, ex);
		write(response, HttpStatus.FORBIDDEN, "insufficient-scope", denied, request);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String type, String detail,
			HttpServletRequest request) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.of(type));
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(JSON.writeValueAsString(problem));
	}

}
