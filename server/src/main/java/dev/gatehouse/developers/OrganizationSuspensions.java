package dev.gatehouse.developers;

import dev.gatehouse.shared.audit.Audited;
import dev.gatehouse.shared.web.InputRejectedException;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether an organization is suspended. Enforcement suspends and reinstates; the app registry
 * refuses new apps and submissions from a suspended organization.
 */
@Service
public class OrganizationSuspensions {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrganizationSuspensions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** @return whether it was not suspended before */
	@Transactional
	public boolean suspend(OrganizationId id, String actor, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", "Say why the organization is suspended.");
		}
		boolean changed = jdbc.sql("""
				insert into developers.suspensions (organization_id, reason, suspended_by, suspended_at)
				values (:id, :reason, :actor, :now) on conflict do nothing""")
			.param("id", id.value())
			.param("reason", reason.strip())
			.param("actor", actor)
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
		if (changed) {
			events.publishEvent(new OrganizationSuspended(id, reason.strip()));
		}
		return changed;
	}

	/** @return whether it was suspended */
	@Transactional
	public boolean reinstate(OrganizationId id, String actor, String reason) {
		boolean changed = jdbc.sql("delete from developers.suspensions where organization_id = :id")
			.param("id", id.value())
			.update() == 1;
		if (changed) {
			events.publishEvent(new OrganizationReinstated(id, reason == null ? "" : reason.strip()));
		}
		return changed;
	}

	public boolean suspended(OrganizationId id) {
		return jdbc.sql("select count(*) from developers.suspensions where organization_id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single() > 0;
	}

	/** Refuses work on behalf of a suspended organization. */
	public void requireNotSuspended(OrganizationId id) {
		if (suspended(id)) {
			throw new InputRejectedException("organization",
					"This organization is suspended: it cannot create or submit apps until it is reinstated.");
		}
	}

	public record OrganizationSuspended(OrganizationId organizationId, String reason) implements Audited {
		public String action() { return "developers.organization.suspended"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("reason", reason); }
	}

	public record OrganizationReinstated(OrganizationId organizationId, String reason) implements Audited {
		public String action() { return "developers.organization.reinstated"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("reason", reason); }
	}

}
