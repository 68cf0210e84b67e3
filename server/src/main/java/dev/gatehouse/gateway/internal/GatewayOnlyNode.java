package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.GatewayProperties;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code gatehouse.node.role=gateway}: the node answers the platform API and its health and
 * metrics endpoints, and 404 to everything else (pages, the authorization server, the JSON API),
 * so a gateway placed close to the platform exposes nothing more.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gatehouse.node.role", havingValue = "gateway")
class GatewayOnlyNode {

	@Bean
	FilterRegistrationBean<Filter> gatewayOnlyNodeFilter(GatewayProperties properties) {
		String prefix = properties.pathPrefix();
		Filter filter = (ServletRequest req, ServletResponse res, FilterChain chain) -> {
			String path = ((HttpServletRequest) req).getRequestURI();
			if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith("/actuator/")
					|| path.startsWith("/problems/")) {
				chain.doFilter(req, res);
				return;
			}
			notFound((HttpServletResponse) res);
		};
		var registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.setName("gatewayOnlyNode");
		return registration;
	}

	private static void notFound(HttpServletResponse response) throws IOException, ServletException {
		byte[] body = "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"This node only serves the platform API.\"}"
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(404);
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
