package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.GatewayRouteEvents;
import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.gateway.Route;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The route table a node matches against: configured routes plus the operators' routes, read
 * again whenever the stored routes' fingerprint changes (checked by the revocation poller's
 * thread every few ticks, and at once after a local change).
 */
final class LiveRoutes implements GatewayRoutes {

	private final List<Route> configured;

	private final RouteRepository repository;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile RouteTable table;

	private volatile String version;

	LiveRoutes(List<Route> configured, RouteRepository repository, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.configured = List.copyOf(configured);
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.table = new RouteTable(configured);
	}

	RouteTable table() {
		return table;
	}

	/** Reads the stored routes again if they changed since the last read. */
	synchronized void reloadIfChanged() {
		String current = repository.version();
		if (Objects.equals(current, version)) {
			return;
		}
		List<Route> routes = new ArrayList<>(configured);
		for (Route stored : repository.all()) {
			if (configured.stream().noneMatch(c -> c.id().equals(stored.id()))) {
				routes.add(stored);
			}
		}
		table = new RouteTable(routes);
		version = current;
	}

	@Override
	public List<Route> all() {
		return table.routes();
	}

	@Override
	public Optional<Route> find(String id) {
		return table.routes().stream().filter(r -> r.id().equals(id)).findFirst();
	}

	@Override
	public void save(Route route, String actor) {
		if (configured.stream().anyMatch(c -> c.id().equals(route.id()))) {
			throw new InputRejectedException("id", "A configured route has this id; configured routes change only in configuration.");
		}
		try {
			RouteTable.validate(route.path());
		}
		catch (RuntimeException ex) {
			throw new InputRejectedException("path", "Not a valid path pattern: " + ex.getMessage());
		}
		Route stored = new Route(route.id(), route.method(), route.path(), route.upstream(), route.scopes(),
				route.dataCategories(), route.subjectHeader(), route.subjectPathVariables(), route.requiresInstallation(),
				Route.Source.OPERATOR, route.deprecated(), route.sunset());
		transactions.executeWithoutResult(status -> {
			boolean created = repository.find(stored.id()).isEmpty();
			repository.save(stored, actor, clock.instant());
			events.publishEvent(new GatewayRouteEvents.RouteSaved(stored, created));
		});
		reloadIfChanged();
	}

	@Override
	public void remove(String id, String actor) {
		if (configured.stream().anyMatch(c -> c.id().equals(id))) {
			throw new InputRejectedException("id", "Configured routes change only in configuration.");
		}
		transactions.executeWithoutResult(status -> {
			if (!repository.delete(id)) {
				throw new NotFoundException("No such route.");
			}
			events.publishEvent(new GatewayRouteEvents.RouteRemoved(id));
		});
		reloadIfChanged();
	}

}
