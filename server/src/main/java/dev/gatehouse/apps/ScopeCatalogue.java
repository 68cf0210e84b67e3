package dev.gatehouse.apps;

import dev.gatehouse.apps.AppEvents.ScopeDefined;
import dev.gatehouse.apps.internal.ScopeRepository;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator-defined scopes apps may request. */
@Service
public class ScopeCatalogue {

	private final ScopeRepository scopes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ScopeCatalogue(ScopeRepository scopes, ApplicationEventPublisher events, Clock clock) {
		this.scopes = scopes;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Scope define(Scope scope) {
		if (scope.name() == null || !scope.name().matches("[a-z][a-z0-9_.:-]{1,63}")) {
			throw new AppRejectedException("name", "Use lower-case letters, digits and . _ : - (2 to 64), starting with a letter.");
		}
		if (scope.description() == null || scope.description().isBlank() || scope.description().length() > 300) {
			throw new AppRejectedException("description", "Describe the scope in plain language (at most 300 characters).");
		}
		if (scope.tier() == null) {
			throw new AppRejectedException("tier", "Choose a tier.");
		}
		var normalized = new Scope(scope.name(), scope.description().strip(), scope.tier(),
				scope.dataCategories().stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList(),
				scope.consentBearing(), scope.payment());
		scopes.upsert(normalized, clock.instant());
		events.publishEvent(new ScopeDefined(normalized.name(), normalized.tier()));
		return normalized;
	}

	@Transactional
	public void retire(String name) {
		if (!scopes.retire(name, clock.instant())) {
			throw new NotFoundException("No such scope.");
		}
		events.publishEvent(new AppEvents.ScopeRetired(name));
	}

	public List<Scope> all() {
		return scopes.active();
	}

	public Optional<Scope> find(String name) {
		return scopes.find(name);
	}

	public Map<String, Scope> byName() {
		return scopes.active().stream().collect(Collectors.toMap(Scope::name, Function.identity()));
	}

}
