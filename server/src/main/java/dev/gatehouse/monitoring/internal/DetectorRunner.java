package dev.gatehouse.monitoring.internal;

import dev.gatehouse.monitoring.DetectorRun;
import dev.gatehouse.monitoring.DetectorsRun;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every detector in one transaction that holds the schedule row's lock: of several nodes, the
 * first takes the row and the others skip (and, on schedule, also skip when a run started less
 * than an interval ago). A detector that fails is recorded with its error and does not stop the others.
 */
@Component
public class DetectorRunner {

	private static final Logger log = LoggerFactory.getLogger(DetectorRunner.class);

	private final List<Detector> detectors;

	private final Reporter reporter;

	private final MonitoringRepository repository;

	private final TransactionTemplate transactions;

	/** A savepoint per detector inside the run's transaction. */
	private final TransactionTemplate savepoint;

	private final ApplicationEventPublisher events;

	private final MonitoringProperties properties;

	private final Clock clock;

	DetectorRunner(List<Detector> detectors, Reporter reporter, MonitoringRepository repository,
			TransactionTemplate transactions, ApplicationEventPublisher events, MonitoringProperties properties,
			Clock clock) {
		this.detectors = List.copyOf(detectors);
		this.reporter = reporter;
		this.repository = repository;
		this.transactions = transactions;
		this.savepoint = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
		this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${gatehouse.monitoring.interval:15m}", initialDelayString = "${gatehouse.monitoring.initial-delay:2m}")
	void onSchedule() {
		if (!properties.runOnSchedule()) {
			return;
		}
		try {
			runClaimed("schedule", false);
		}
		catch (RuntimeException ex) {
			log.warn("Monitoring detectors failed: {}", ex.toString());
		}
	}

	/**
	 * @param force run even if a run started less than an interval ago (on demand)
	 * @return the detectors' outcomes; empty when another node holds the claim (or, unforced, ran recently)
	 */
	public Optional<List<DetectorRun>> runClaimed(String triggeredBy, boolean force) {
		return transactions.execute(status -> {
			Optional<Instant> last = repository.claim();
			Instant now = clock.instant();
			if (last.isEmpty() || !force && last.get().isAfter(now.minus(properties.interval().multipliedBy(9).dividedBy(10)))) {
				return Optional.<List<DetectorRun>>empty();
			}
			repository.started(now);
			UUID runId = UUID.randomUUID();
			List<DetectorRun> runs = new ArrayList<>();
			for (Detector detector : detectors) {
				runs.add(runOne(detector, runId, now, triggeredBy));
			}
			runs.forEach(repository::saveRun);
			if (!"schedule".equals(triggeredBy)) {
				events.publishEvent(new DetectorsRun(runId, runs.stream().mapToInt(DetectorRun::findings).sum(),
						runs.stream().mapToLong(DetectorRun::millis).sum(), triggeredBy));
			}
			return Optional.of(List.copyOf(runs));
		});
	}

	private DetectorRun runOne(Detector detector, UUID runId, Instant now, String triggeredBy) {
		long start = System.nanoTime();
		Instant startedAt = clock.instant();
		try {
			// A savepoint per detector: one that fails in SQL leaves the others' work in the transaction.
			Integer found = savepoint.execute(status -> detector.detect(now, reporter));
			return new DetectorRun(runId, detector.id(), startedAt, (System.nanoTime() - start) / 1_000_000, found == null ? 0 : found, null,
					triggeredBy);
		}
		catch (RuntimeException ex) {
			log.warn("Detector {} failed", detector.id(), ex);
			return new DetectorRun(runId, detector.id(), startedAt, (System.nanoTime() - start) / 1_000_000, 0,
					ex.getClass().getSimpleName(), triggeredBy);
		}
	}

}
