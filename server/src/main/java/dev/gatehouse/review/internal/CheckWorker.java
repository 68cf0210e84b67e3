package dev.gatehouse.review.internal;

import dev.gatehouse.review.CheckRun;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes queued check runs off the queue, on a worker thread: right after the queueing transaction
 * commits, and every {@code worker-interval} for whatever another node queued or a crash left.
 * Pages and submissions only ever insert a QUEUED row.
 */
@Component
public class CheckWorker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CheckWorker.class);

	/** A run still RUNNING after this long belongs to a node that died. */
	private static final Duration STALE = Duration.ofMinutes(30);

	private final CheckRepository runs;

	private final CheckEngine engine;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ExecutorService kicks = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "review-checks");
		thread.setDaemon(true);
		return thread;
	});

	private final boolean background;

	CheckWorker(CheckRepository runs, CheckEngine engine, TransactionTemplate transactions, Clock clock,
			dev.gatehouse.review.ReviewProperties properties) {
		this.background = properties.backgroundRuns();
		this.runs = runs;
		this.engine = engine;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Starts a round on the worker thread once the current transaction commits (at once without one). */
	public void kickAfterCommit() {
		if (!background) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					kicks.execute(CheckWorker.this::scheduledRound);
				}
			});
		}
		else {
			kicks.execute(this::scheduledRound);
		}
	}

	@Scheduled(fixedDelayString = "${gatehouse.review.worker-interval:5s}", initialDelayString = "20s")
	void scheduledRound() {
		if (!background) {
			return;
		}
		try {
			drain(null);
		}
		catch (RuntimeException ex) {
			log.warn("Check worker round failed: {}", ex.toString());
		}
	}

	/** Runs queued runs (of one app, or of all when {@code app} is null) until none is left. @return how many ran */
	public int drain(dev.gatehouse.apps.AppId app) {
		transactions.executeWithoutResult(tx -> runs.requeueStale(clock.instant().minus(STALE)));
		int ran = 0;
		while (true) {
			List<CheckRun> claimed = transactions.execute(tx -> runs.claim(1, clock.instant(), app));
			if (claimed == null || claimed.isEmpty()) {
				return ran;
			}
			for (CheckRun run : claimed) {
				engine.execute(run);
				ran++;
			}
		}
	}

	@Override
	public void destroy() {
		kicks.shutdownNow();
	}

}
