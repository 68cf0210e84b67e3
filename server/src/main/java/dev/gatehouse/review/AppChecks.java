package dev.gatehouse.review;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.review.ReviewEvents.CheckRunQueued;
import dev.gatehouse.review.internal.CheckEngine;
import dev.gatehouse.review.internal.CheckRepository;
import dev.gatehouse.review.internal.CheckWorker;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check engine's facade: queue runs (on submission, nightly, on demand), run what is queued,
 * and read runs, results and their history. Queueing only inserts a row; the checks run on a
 * worker thread, so no page waits for the network.
 */
@Service
public class AppChecks {

	private final CheckRepository runs;

	private final CheckWorker worker;

	private final CheckEngine engine;

	private final AppRegistry registry;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppChecks(CheckRepository runs, CheckWorker worker, CheckEngine engine, AppRegistry registry,
			ApplicationEventPublisher events, Clock clock) {
		this.runs = runs;
		this.worker = worker;
		this.engine = engine;
		this.registry = registry;
		this.events = events;
		this.clock = clock;
	}

	/** Queues a run of the pack's checks against one revision of the app. */
	@Transactional
	public CheckRun queue(AppId appId, UUID revisionId, CheckTrigger trigger, String actor) {
		Revision revision = registry.revisions(appId)
			.stream()
			.filter(r -> r.id().equals(revisionId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No such revision."));
		return insert(appId, revision, trigger, actor, null).orElseThrow();
	}

	/**
	 * Queues a run on demand: the revision in review if there is one, else the live revision, else
	 * the draft.
	 */
	@Transactional
	public CheckRun queueOnDemand(AppId appId, String actor) {
		App app = registry.require(appId);
		Revision revision = registry.draftRevision(app)
			.filter(r -> r.state() == RevisionState.SUBMITTED || r.state() == RevisionState.IN_REVIEW)
			.or(() -> registry.liveRevision(app))
			.or(() -> registry.draftRevision(app))
			.orElseThrow(() -> new InputRejectedException("app", "The app has no revision to check."));
		return insert(appId, revision, CheckTrigger.ON_DEMAND, actor, null).orElseThrow();
	}

	/**
	 * Queues tonight's run for every live app (approved or published) once, whichever node comes
	 * first. @return runs queued by this call
	 */
	@Transactional
	public int queueNightly() {
		String night = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
		int queued = 0;
		for (AppStatus status : List.of(AppStatus.PUBLISHED, AppStatus.APPROVED)) {
			for (int offset = 0;; offset += 200) {
				List<App> page = registry.search("", status, 200, offset);
				for (App app : page) {
					Optional<Revision> live = registry.liveRevision(app);
					if (live.isPresent() && insert(app.id(), live.get(), CheckTrigger.SCHEDULE, "system",
							"nightly:" + night + ":" + app.id()).isPresent()) {
						queued++;
					}
				}
				if (page.size() < 200) {
					break;
				}
			}
		}
		return queued;
	}

	/** Runs every queued run now, on the caller's thread, as the worker would. @return runs executed */
	public int runQueuedNow() {
		return worker.drain(null);
	}

	/** Runs the app's queued runs now, on the caller's thread. @return runs executed */
	public int runQueuedNow(AppId app) {
		return worker.drain(app);
	}

	public Optional<CheckRun> run(UUID id) {
		return runs.run(id);
	}

	public List<CheckRun> runs(AppId app, int limit) {
		return runs.runs(app, Math.clamp(limit, 1, 200));
	}

	/** The newest finished run of a revision. */
	public Optional<CheckRun> latestDone(UUID revisionId) {
		return runs.latestDone(revisionId);
	}

	/** Whether a run of the revision is queued or running. */
	public boolean pending(UUID revisionId) {
		return runs.pending(revisionId);
	}

	public List<CheckResult> results(UUID runId) {
		return runs.results(runId);
	}

	/** The app's results for one clause, newest first. */
	public List<CheckResult> history(AppId app, String clauseId, int limit) {
		return runs.history(app, clauseId, Math.clamp(limit, 1, 500));
	}

	/** The {@code check.*} mechanism ids implemented here (the monitoring checks live elsewhere). */
	public Set<String> implemented() {
		return engine.implemented();
	}

	private Optional<CheckRun> insert(AppId appId, Revision revision, CheckTrigger trigger, String actor, String key) {
		UUID id = UUID.randomUUID();
		if (!runs.insertRun(id, appId, revision.id(), revision.number(), trigger, actor, clock.instant(), key)) {
			return Optional.empty();
		}
		events.publishEvent(new CheckRunQueued(id, appId, revision.number(), trigger));
		worker.kickAfterCommit();
		return runs.run(id);
	}

}
