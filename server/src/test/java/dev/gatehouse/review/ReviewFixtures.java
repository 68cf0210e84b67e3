package dev.gatehouse.review;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Listing;
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
		context.getBean(AppRegistry.class).update(fixture.app().id(), fixture.developer().id(), local(
				TestApps.complete(fixture.app().name()), domain, key));
		context.getBean(JdbcClient.class)
			.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id and logo_sha256 is null")
			.param("id", fixture.app().id().value())
			.update();
		return fixture;
	}

	static AppDraft local(AppDraft draft, FullStackTest.DomainServer domain, String key) {
		Listing l = draft.listing();
		var listing = new Listing(l.name(), l.tagline(), l.description(), l.category(), url(domain, key, "site"), url(domain, key, "privacy"),
				url(domain, key, "terms"), l.supportEmail(), url(domain, key, "support"), url(domain, key, "setup"));
		return new AppDraft(draft.appType(), listing, draft.redirectUris(), url(domain, key, "hook"), draft.scopes(), draft.dataUse(),
				draft.security());
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

	/** Runs the queued checks until the run of the revision is done. */
	static CheckRun awaitRun(AppChecks checks, UUID revisionId) {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(until)) {
			checks.runQueuedNow();
			if (!checks.pending(revisionId)) {
				var run = checks.latestDone(revisionId);
				if (run.isPresent()) {
					return run.get();
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("the check run of " + revisionId + " did not finish");
	}

}
