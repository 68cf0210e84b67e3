package dev.gatehouse.review.internal.checks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.WebhookReceiver.Answer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks that call out, against the local domain server standing in for the developer's sites. */
class NetworkChecksSystemTests extends FullStackTest {

	@Autowired
	UrlReachableCheck urls;

	@Autowired
	WebhookEndpointCheck webhook;

	@Autowired
	OutboundHttpClient http;

	@Autowired
	AppCredentials credentials;

	@Autowired
	ApplicationContext context;

	@Test
	void urlReachableWhenEveryUrlAnswersThenPassWhenOneAnswers404ThenFailNamingIt() {
		String key = UUID.randomUUID().toString();
		DOMAIN.hooks().script(key + "-terms", Answer.of(404));
		var input = Inputs.complete().listing(listing(key)).build();

		var failing = urls.evaluate(input, Map.of("fields", List.of("privacyPolicyUrl", "termsUrl")));
		var passing = urls.evaluate(input, Map.of("fields", List.of("privacyPolicyUrl", "termsUrl")));

		assertThat(failing.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(failing.summary()).contains("termsUrl (answered 404)");
		assertThat(failing.evidence()).containsKey("checkedAt");
		assertThat(passing.outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(DOMAIN.hooks().received(key + "-privacy")).hasSize(2);
	}

	@Test
	void urlReachableWhenHttpsRequiredThenPlainHttpFailsWithoutBeingCalled() {
		String key = UUID.randomUUID().toString();
		var strict = new UrlReachableCheck(http, false);

		var verdict = strict.evaluate(Inputs.complete().listing(listing(key)).build(), Map.of("fields", List.of("privacyPolicyUrl")));

		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.summary()).contains("not https");
		assertThat(DOMAIN.hooks().received(key + "-privacy")).isEmpty();
	}

	@Test
	void webhookEndpointWhenSignedEventAcceptedAndForgedRefusedThenPass() throws Exception {
		var fixture = AppFixtures.draftApp(context);
		String secret = credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id()).secret();
		String key = UUID.randomUUID().toString();
		DOMAIN.hooks().script(key, Answer.of(204), Answer.of(401));

		var verdict = webhook.evaluate(inputFor(fixture, DOMAIN.hookUrl(key)), Map.of("timeoutSeconds", 5));

		assertThat(verdict.outcome()).as(verdict.summary()).isEqualTo(CheckOutcome.PASS);
		var received = DOMAIN.hooks().received(key);
		assertThat(received).hasSize(2);
		assertThat(received.getFirst().body()).isEqualTo(received.get(1).body()).contains("webhook.verification");
		new Webhook(secret).verify(received.getFirst().body(), headers(received.getFirst()));
		assertThatThrownBy(() -> new Webhook(secret).verify(received.get(1).body(), headers(received.get(1))))
			.isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void webhookEndpointWhenForgedEventAcceptedThenFail() {
		var fixture = AppFixtures.draftApp(context);
		credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id());
		String key = UUID.randomUUID().toString();
		DOMAIN.hooks().script(key, Answer.of(200), Answer.of(200));

		var verdict = webhook.evaluate(inputFor(fixture, DOMAIN.hookUrl(key)), Map.of());

		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.summary()).contains("wrong signature");
		assertThat(verdict.evidence()).containsKeys("signedEvent", "badSignatureEvent");
	}

	@Test
	void webhookEndpointWhenSignedEventRefusedOrNoSecretThenFail() {
		var fixture = AppFixtures.draftApp(context);
		String key = UUID.randomUUID().toString();

		var noSecret = webhook.evaluate(inputFor(fixture, DOMAIN.hookUrl(key)), Map.of());
		credentials.rotateWebhookSecret(fixture.app().id(), fixture.developer().id());
		DOMAIN.hooks().script(key, Answer.of(500));
		var refused = webhook.evaluate(inputFor(fixture, DOMAIN.hookUrl(key)), Map.of());

		assertThat(noSecret.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(noSecret.summary()).contains("no webhook signing secret");
		assertThat(refused.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(refused.summary()).contains("did not accept a correctly signed event");
		assertThat(webhook.evaluate(inputFor(fixture, " "), Map.of()).outcome()).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private CheckInput inputFor(AppFixtures.DraftApp fixture, String url) {
		AppDraft base = TestApps.complete(fixture.app().name());
		var input = Inputs.complete().draft(base).webhook(url).build();
		var revision = new dev.gatehouse.apps.Revision(input.revision().id(), fixture.app().id(), 1,
				input.revision().state(), input.revision().content(), null, Inputs.NOW, null, null);
		return new CheckInput(fixture.app(), revision, input.pack(), false, List.of(), input.catalogue(), List.of(),
				List::of, java.util.Optional::empty, java.time.Instant.now());
	}

	private static Listing listing(String key) {
		Listing l = TestApps.complete("X").listing();
		return new Listing("Reminder Relay", l.tagline(), l.description(), l.category(), l.website(),
				DOMAIN.hookUrl(key + "-privacy"), DOMAIN.hookUrl(key + "-terms"), l.supportEmail(), l.supportUrl(), l.setupUrl());
	}

	private static Map<String, List<String>> headers(dev.gatehouse.support.WebhookReceiver.Received r) {
		return Map.of("webhook-id", List.of(r.id()), "webhook-timestamp", List.of(r.timestamp()), "webhook-signature",
				List.of(r.signature()));
	}

}
