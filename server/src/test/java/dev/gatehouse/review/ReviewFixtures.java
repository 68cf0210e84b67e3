package dev.gatehouse.review;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Apps whose listed URLs and webhook point at the local domain server, so every check can run. */
final class ReviewFixtures {

	private ReviewFixtures() {
	}

	/** A draft app of a new organization; its URLs answer 200 at the domain server and it has a logo. */
	static AppFixtures.DraftApp localApp(ApplicationContext context, FullStackTest.DomainServer domain, String key) {
		return localApp(context, domain, key, AppFixtures.draftApp(context));
	}

	static AppFixtures.DraftApp localApp(ApplicationContext context, FullStackTest.DomainServer domain, String key,
			AppFixtures.DraftApp fixture) {
		context.getBean(dev.gatehouse.apps.AppRegistry.class).update(fixture.app().id(), fixture.developer().id(),
				unreachable(TestApps.complete(fixture.app().name()), key));
		context.getBean(JdbcClient.class)
			.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id and logo_sha256 is null")
			.param("id", fixture.app().id().value())
			.update();
		return fixture;
	}

	/**
	 * Points the app's listed URLs and webhook at the local (plain-http) domain server. The registry
	 * only takes https URLs, so this goes around it, as the webhook tests do.
	 */
	static void point(ApplicationContext context, FullStackTest.DomainServer domain, String key, AppId app) {
		context.getBean(JdbcClient.class)
			.sql("""
					update apps.revisions set webhook_url = :hook, listing = listing || jsonb_build_object(
					  'website', :site, 'privacyPolicyUrl', :privacy, 'termsUrl', :terms, 'supportUrl', :support, 'setupUrl', :setup)
					where app_id = :id""")
			.param("hook", url(domain, key, "hook"))
			.param("site", url(domain, key, "site"))
			.param("privacy", url(domain, key, "privacy"))
			.param("terms", url(domain, key, "terms"))
			.param("support", url(domain, key, "support"))
			.param("setup", url(domain, key, "setup"))
			.param("id", app.value())
			.update();
	}

	/**
	 * The draft with https URLs the registry accepts and the outbound client refuses at once (a port
	 * it may not call), so the checks of a submission fail fast until {@link #point} redirects them.
	 */
	static AppDraft unreachable(AppDraft draft, String key) {
		dev.gatehouse.apps.Listing l = draft.listing();
		String base = "https://localhost:1/" + key + "-";
		var listing = new dev.gatehouse.apps.Listing(l.name(), l.tagline(), l.description(), l.category(), base + "site",
				base + "privacy", base + "terms", l.supportEmail(), base + "support", base + "setup");
		return new AppDraft(draft.appType(), listing, draft.redirectUris(), base + "hook", draft.scopes(), draft.dataUse(),
				draft.security());
	}

	/** Points the URLs at the local server and runs the checks of the revision on demand; returns that run. */
	static CheckRun checkedRun(ApplicationContext context, FullStackTest.DomainServer domain, String key, AppId app,
			UUID revisionId) {
		AppChecks checks = context.getBean(AppChecks.class);
		awaitIdle(checks, app, revisionId);
		point(context, domain, key, app);
		CheckRun run = checks.queue(app, revisionId, CheckTrigger.ON_DEMAND, "test");
		return awaitRun(checks, run.id());
	}

	static void awaitIdle(AppChecks checks, AppId app, UUID revisionId) {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (checks.pending(revisionId)) {
			checks.runQueuedNow(app);
			sleep(until);
		}
	}

	static AppDraft withScope(AppDraft draft, RequestedScope scope) {
		var scopes = new java.util.ArrayList<>(draft.scopes());
		scopes.add(scope);
		return TestApps.withScopes(draft, List.copyOf(scopes), draft.dataUse());
	}

	static String url(FullStackTest.DomainServer domain, String key, String what) {
		return domain.hookUrl(key + "-" + what);
	}

	static String key() {
		return UUID.randomUUID().toString();
	}

	/** Runs the queued checks until this run is done. */
	static CheckRun awaitRun(AppChecks checks, UUID runId) {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			checks.runQueuedNow(checks.run(runId).orElseThrow().appId());
			CheckRun run = checks.run(runId).orElseThrow();
			if (run.done()) {
				return run;
			}
			sleep(until);
		}
	}

	private static void sleep(Instant until) {
		if (Instant.now().isAfter(until)) {
			throw new AssertionError("the check runs did not finish in time");
		}
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
