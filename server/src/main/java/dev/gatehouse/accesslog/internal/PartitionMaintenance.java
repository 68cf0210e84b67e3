package dev.gatehouse.accesslog.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the day partitions of today and the next {@code partitions-ahead} days, and drops those
 * that ended more than {@code retention} ago. Runs at startup and on a schedule on every node; a
 * PostgreSQL advisory lock lets one of them act.
 */
@Component
public class PartitionMaintenance implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

	private final Partitions partitions;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AccessLogProperties properties;

	private final Clock clock;

	PartitionMaintenance(Partitions partitions, JdbcClient jdbc, TransactionTemplate transactions,
			AccessLogProperties properties, Clock clock) {
		this.partitions = partitions;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			maintain();
		}
		catch (RuntimeException ex) {
			// The writer creates a missing day itself; a failed start-up run must not stop Gatehouse.
			log.warn("Access log partition maintenance failed at startup; the next scheduled run retries", ex);
		}
	}

	/** One run; returns what changed (nothing when another node holds the lock). */
	@Scheduled(cron = "${gatehouse.accesslog.maintenance-cron:" + AccessLogProperties.DEFAULT_CRON + "}")
	public Outcome maintain() {
		Outcome outcome = transactions.execute(status -> {
			if (!Boolean.TRUE.equals(jdbc.sql(Partitions.TRY_LOCK).query(Boolean.class).single())) {
				return new Outcome(List.of(), List.of());
			}
			LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
			List<LocalDate> created = new ArrayList<>();
			for (LocalDate day = today; !day.isAfter(today.plusDays(properties.partitionsAhead())); day = day.plusDays(1)) {
				if (partitions.create(day)) {
					created.add(day);
				}
			}
			// A day is dropped once all of it is older than the retention: its end is before the cut-off.
			var cutoff = clock.instant().minus(properties.retention());
			List<LocalDate> dropped = new ArrayList<>();
			for (LocalDate day : partitions.days()) {
				if (!day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff)) {
					partitions.drop(day);
					dropped.add(day);
				}
			}
			return new Outcome(created, dropped);
		});
		if (!outcome.created().isEmpty() || !outcome.dropped().isEmpty()) {
			log.info("Access log partitions: created {}, dropped {}", outcome.created(), outcome.dropped());
		}
		return outcome;
	}

	/** The days whose partitions one run created and dropped. */
	public record Outcome(List<LocalDate> created, List<LocalDate> dropped) {
	}

}
