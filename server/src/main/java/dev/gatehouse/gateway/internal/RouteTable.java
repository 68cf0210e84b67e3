package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes compiled for matching. The most specific pattern wins (Spring's PathPattern order),
 * then the route with a method over one for any method.
 */
final class RouteTable {

	private static final PathPatternParser PARSER = new PathPatternParser();

	private final List<Compiled> routes;

	RouteTable(List<Route> routes) {
		List<Compiled> compiled = new ArrayList<>();
		for (Route route : routes) {
			compiled.add(new Compiled(route, PARSER.parse(route.path())));
		}
		compiled.sort((a, b) -> {
			int bySpecificity = PathPattern.SPECIFICITY_COMPARATOR.compare(a.pattern(), b.pattern());
			if (bySpecificity != 0) {
				return bySpecificity;
			}
			return Boolean.compare("*".equals(a.route().method()), "*".equals(b.route().method()));
		});
		this.routes = List.copyOf(compiled);
	}

	static void validate(String path) {
		PARSER.parse(path);
	}

	List<Route> routes() {
		return routes.stream().map(Compiled::route).toList();
	}

	/** The route for this call, or null. {@code path} is the path after the gateway's prefix. */
	Match match(String method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Compiled candidate : routes) {
			String routeMethod = candidate.route().method();
			if (!routeMethod.equals("*") && !routeMethod.equals(method)) {
				continue;
			}
			PathPattern.PathMatchInfo info = candidate.pattern().matchAndExtract(container);
			if (info != null) {
				return new Match(candidate.route(), info.getUriVariables());
			}
		}
		return null;
	}

	/** Whether some route has this path with another method (405 instead of 404). */
	boolean pathKnown(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return routes.stream().anyMatch(c -> c.pattern().matches(container));
	}

	record Match(Route route, Map<String, String> variables) {
	}

	private record Compiled(Route route, PathPattern pattern) {
	}

}
