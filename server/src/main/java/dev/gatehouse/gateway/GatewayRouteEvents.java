package dev.gatehouse.gateway;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;

/** Changes to the gateway's routes; each is an audit record. */
public final class GatewayRouteEvents {

	private GatewayRouteEvents() {
	}

	public record RouteSaved(Route route, boolean created) implements Audited {

		public String action() {
			return created ? "gateway.route.created" : "gateway.route.updated";
		}

		public String target() {
			return "route:" + route.id();
		}

		public Map<String, Object> details() {
			return Map.of("method", route.method(), "path", route.path(), "upstream", route.upstream().toString(),
					"scopes", route.scopes(), "dataCategories", route.dataCategories(), "deprecated", route.deprecated(),
					"sunset", route.sunset() == null ? "" : route.sunset().toString());
		}

	}

	public record RouteRemoved(String routeId) implements Audited {

		public String action() {
			return "gateway.route.removed";
		}

		public String target() {
			return "route:" + routeId;
		}

	}

}
