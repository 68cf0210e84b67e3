package dev.gatehouse.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses any request that carries an access token in its query string (RFC 6750 section 2.3 is
 * deprecated by OAuth 2.1: such tokens end up in logs, histories and Referer headers). The request
 * is answered 400 {@code invalid_request} before anything else sees it, rather than being treated
 * as unauthenticated, so the caller learns why.
 */
final class QueryStringTokenFilter extends OncePerRequestFilter {

	/**
	 * Registered only here: were the filter itself a bean (it once was, as this configuration), Boot
	 * would register it a second time at the default order.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		static FilterRegistrationBean<QueryStringTokenFilter> queryStringTokenFilterRegistration() {
			var registration = new FilterRegistrationBean<>(new QueryStringTokenFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!QueryTokens.carriesToken(request.getQueryString())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setHeader("WWW-Authenticate",
				"Bearer error=\"invalid_request\", error_description=\"Send the access token in the Authorization header, not in the URL\"");
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("""
				{"type":"%s","title":"Access token in the URL","status":400,\
				"detail":"Send the access token in the Authorization header, not in the URL.","error":"invalid_request"}"""
			.formatted(ProblemTypes.of("token-in-query")));
	}

}
