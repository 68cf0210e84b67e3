package dev.gatehouse.review.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppLogos;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.CheckRun;
import dev.gatehouse.review.ReviewEvents.CheckRunCompleted;
import dev.gatehouse.review.ReviewProperties;
import dev.gatehouse.review.internal.checks.Check;
import dev.gatehouse.review.internal.checks.CheckInput;
import dev.gatehouse.review.internal.checks.UrlReachableCheck;
import dev.gatehouse.review.internal.checks.Verdict;
import dev.gatehouse.shared.findings.FindingReported;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the checks the pack in force attaches to its clauses against one revision. A mechanism used
 * by several clauses with the same parameters runs once and its verdict is recorded for each
 * clause. Each check runs on its own virtual thread with {@code gatehouse.review.check-timeout};
 * one that overruns or throws is an ERROR, never a pass. Failures on an app's live revision are
 * reported as findings; a listed URL only once it has been failing for the pack's days.
 */
@Component
public class CheckEngine {

	private static final Logger log = LoggerFactory.getLogger(CheckEngine.class);

	private final Map<String, Check> checks;

	private final CheckRepository runs;

	private final AppRegistry registry;

	private final AppLogos logos;

	private final ScopeCatalogue scopes;

	private final DeveloperOrganizations organizations;

	private final LegalDocuments legal;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final ReviewProperties properties;

	private final Clock clock;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	CheckEngine(List<Check> checks, CheckRepository runs, AppRegistry registry, AppLogos logos, ScopeCatalogue scopes,
			DeveloperOrganizations organizations, LegalDocuments legal, ApplicationEventPublisher events,
			TransactionTemplate transactions, ReviewProperties properties, Clock clock) {
		this.checks = checks.stream().collect(Collectors.toUnmodifiableMap(Check::id, Function.identity()));
		this.runs = runs;
		this.registry = registry;
		this.logos = logos;
		this.scopes = scopes;
		this.organizations = organizations;
		this.legal = legal;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** The mechanism ids this engine implements. */
	public java.util.Set<String> implemented() {
		return checks.keySet();
	}

	/** One line of the plan: a clause, one of its check mechanisms and the clause's parameters. */
	public record Planned(PolicyPack.Clause clause, String mechanism, Map<String, Object> params) {
	}

	/** Every (clause, check) pair of the pack that this engine implements, in the pack's order. */
	public List<Planned> plan(PolicyPack pack) {
		List<Planned> plan = new ArrayList<>();
		for (PolicyPack.Clause clause : pack.clauses()) {
			for (PolicyPack.MechanismUse use : clause.mechanisms()) {
				if (checks.containsKey(use.id())) {
					plan.add(new Planned(clause, use.id(), use.params() == null ? Map.of() : use.params()));
				}
			}
		}
		return plan;
	}

	void execute(CheckRun run) {
		Optional<App> found = registry.find(run.appId());
		Optional<Revision> revision = registry.revisions(run.appId())
			.stream()
			.filter(r -> r.id().equals(run.revisionId()))
			.findFirst();
		PolicyPack pack = legal.currentPack().orElse(null);
		if (found.isEmpty() || revision.isEmpty() || pack == null) {
			transactions.executeWithoutResult(tx -> runs.finish(run.id(), pack == null ? null : pack.id(),
					pack == null ? null : pack.version(), clock.instant()));
			return;
		}
		App app = found.get();
		Instant now = clock.instant();
		CheckInput input = input(app, revision.get(), pack, now);
		Map<String, Verdict> verdicts = new LinkedHashMap<>();
		List<Planned> plan = plan(pack);
		for (Planned line : plan) {
			verdicts.computeIfAbsent(line.mechanism() + line.params(), key -> evaluate(checks.get(line.mechanism()), input, line.params()));
		}
		// a submission's failures are the reviewer's to judge; findings come from the runs of a live revision
		boolean live = revision.get().id().equals(app.liveRevisionId()) && run.trigger() != dev.gatehouse.review.CheckTrigger.SUBMISSION;
		transactions.executeWithoutResult(tx -> {
			int passed = 0;
			int failed = 0;
			int errors = 0;
			Instant finished = clock.instant();
			for (Planned line : plan) {
				Verdict verdict = verdicts.get(line.mechanism() + line.params());
				runs.insertResult(run.id(), app.id(), line.clause().id(), line.mechanism(), verdict.outcome(),
						verdict.summary(), verdict.evidence(), finished);
				switch (verdict.outcome()) {
					case PASS -> passed++;
					case FAIL -> failed++;
					case ERROR -> errors++;
					default -> {
					}
				}
				if (live) {
					report(app, line, verdict, pack, finished);
				}
			}
			runs.finish(run.id(), pack.id(), pack.version(), finished);
			events.publishEvent(new CheckRunCompleted(run.id(), app.id(), run.revisionNumber(), passed, failed, errors));
		});
	}

	CheckInput input(App app, Revision revision, PolicyPack pack, Instant now) {
		boolean verified = organizations.find(app.organizationId()).map(Organization::verified).orElse(false);
		Supplier<List<String>> others = memoize(() -> otherAppNames(app));
		Supplier<Optional<byte[]>> logo = memoize(() -> revision.logoSha256() == null ? Optional.empty()
				: logos.png(app.id(), revision.logoSha256()));
		return new CheckInput(app, revision, pack, verified, registry.subProcessors(app.id()), scopes.byName(),
				legal.standing(app.organizationId()), others, logo, now);
	}

	private Verdict evaluate(Check check, CheckInput input, Map<String, Object> params) {
		Future<Verdict> future = executor.submit(() -> check.evaluate(input, params));
		try {
			return future.get(properties.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return Verdict.error("The check did not finish within " + properties.checkTimeout().toSeconds() + " s.");
		}
		catch (ExecutionException ex) {
			log.warn("Check {} failed on app {}: {}", check.id(), input.app().id(), ex.getCause().toString());
			return Verdict.error("The check could not run (" + ex.getCause().getClass().getSimpleName() + ").");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Verdict.error("The check was interrupted.");
		}
	}

	private void report(App app, Planned line, Verdict verdict, PolicyPack pack, Instant now) {
		if (line.mechanism().equals("check.url-reachable")) {
			trackUrls(app, line, verdict, pack, now);
			return;
		}
		if (verdict.outcome() == CheckOutcome.FAIL) {
			events.publishEvent(new FindingReported(line.clause().id(), "app", app.id().toString(), line.mechanism(),
					"review:" + line.mechanism() + ":" + line.clause().id(), verdict.summary(), verdict.evidence()));
		}
	}

	/** A failing URL becomes a finding only once it has failed on every run for the pack's days. */
	@SuppressWarnings("unchecked")
	private void trackUrls(App app, Planned line, Verdict verdict, PolicyPack pack, Instant now) {
		if (!(verdict.evidence().get(UrlReachableCheck.URLS) instanceof Map<?, ?> urls)) {
			return;
		}
		int days = failingDays(pack);
		((Map<String, Map<String, Object>>) urls).forEach((field, probe) -> {
			if (Boolean.TRUE.equals(probe.get("ok"))) {
				runs.urlAnswering(app.id(), field);
				return;
			}
			Instant since = runs.urlFailing(app.id(), field, String.valueOf(probe.get("url")), now);
			if (!since.plus(Duration.ofDays(days)).isAfter(now)) {
				Map<String, Object> evidence = new LinkedHashMap<>(probe);
				evidence.put("field", field);
				evidence.put("failingSince", since.toString());
				evidence.put("failingDays", days);
				events.publishEvent(new FindingReported(line.clause().id(), "app", app.id().toString(), line.mechanism(),
						"review:url:" + line.clause().id() + ":" + field,
						"The listed " + field + " has been failing since " + since + " (" + probe.get("problem") + ").",
						evidence));
			}
		});
	}

	int failingDays(PolicyPack pack) {
		return pack.clauses()
			.stream()
			.flatMap(c -> c.mechanisms().stream())
			.filter(m -> m.id().equals("check.staleness") && m.params() != null
					&& m.params().get("failingDays") instanceof Number)
			.map(m -> ((Number) m.params().get("failingDays")).intValue())
			.findFirst()
			.orElse(properties.urlFailingDays());
	}

	private List<String> otherAppNames(App app) {
		List<String> names = new ArrayList<>();
		for (int offset = 0;; offset += 200) {
			List<App> page = registry.search("", null, 200, offset);
			page.stream().filter(a -> !a.id().equals(app.id())).map(App::name).forEach(names::add);
			if (page.size() < 200) {
				return names;
			}
		}
	}

	private static <T> Supplier<T> memoize(Supplier<T> supplier) {
		return new Supplier<>() {
			private T value;

			private boolean done;

			@Override
			public synchronized T get() {
				if (!done) {
					value = supplier.get();
					done = true;
				}
				return value;
			}
		};
	}

}
