package dev.gatehouse.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * The last word when the database is too busy: 503 with {@code Retry-After}, not a 500. The
 * exception handlers answer what a controller throws, but the session also needs a connection: it
 * is read before any controller runs and written when the response commits (after the busy page
 * was rendered), and those failures escape every handler. This filter runs outside the session
 * filter and, if nothing was sent yet, replaces the answer: a plain page, or problem+json for the
 * APIs and the OAuth endpoints.
 */
final class DatabaseBusyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseBusyFilter.class);

	/**
	 * Registered only here: were the filter itself a bean, Boot would also register it at the default
	 * order, inside the session filter, where the busy answer's own commit would fail again.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		static FilterRegistrationBean<DatabaseBusyFilter> databaseBusyFilterRegistration() {
			var registration = new FilterRegistrationBean<>(new DatabaseBusyFilter());
			// Outside Spring Session's filter (HIGHEST_PRECEDENCE + 50).
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			return registration;
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseBusy.causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database busy on {} {}: answered 503 ({})", request.getMethod(), request.getRequestURI(),
					rootMessage(ex));
			busy(request, response);
		}
	}

	private static void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// The busy page whose rendering failed left these behind; the container would answer 500 for them.
		WebUtils.clearErrorRequestAttributes(request);
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", DatabaseBusy.RETRY_AFTER_SECONDS);
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/platform/")) {
			response.setContentType("application/problem+json");
			response.getWriter().write("""
					{"type":"%s","title":"Service busy","status":503,"detail":"%s"}"""
				.formatted(ProblemTypes.of("busy"), DatabaseBusy.MESSAGE));
			return;
		}
		response.setContentType("text/html");
		response.getWriter().write("""
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Busy · Gatehouse</title>
				<meta name="viewport" content="width=device-width, initial-scale=1"></head>
				<body><main id="main"><h1>Something went wrong</h1>
				<p id="error-message">%s</p><p>Status 503</p></main></body></html>
				""".formatted(DatabaseBusy.MESSAGE));
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}
