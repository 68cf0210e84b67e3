package dev.gatehouse.gateway;

import java.util.List;
import java.util.Optional;

/** The gateway's routes: from configuration (read-only) and from operators (stored, seen by every node). */
public interface GatewayRoutes {

	/** Every route, most specific first. */
	List<Route> all();

	Optional<Route> find(String id);

	/**
	 * Adds or replaces an operator route. Refused (as input with field errors) when the id belongs to a
	 * configured route, or the path pattern does not parse.
	 */
	void save(Route route, String actor);

	/** Removes an operator route; configured routes cannot be removed. */
	void remove(String id, String actor);

}
