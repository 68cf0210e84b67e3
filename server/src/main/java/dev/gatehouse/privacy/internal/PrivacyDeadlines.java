package dev.gatehouse.privacy.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.privacy.PrivacyProperties;
import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.Recipient;
import dev.gatehouse.privacy.RecipientStatus;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.webhooks.Webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds apps before the deadline (mail and in-app to the developers, and a
 * {@code privacy_request.reminder} webhook) and, past it, marks them overdue and reports a finding
 * against the pack's clause. Rows are claimed with SKIP LOCKED so any node may run a round and none
 * acts twice; each row is changed once (the reminder stamp, the overdue status), so a repeated round
 * does nothing more.
 */
@Component
public class PrivacyDeadlines {

	static final String REMINDER_EVENT = "privacy_request.reminder";

	private static final Logger log = LoggerFactory.getLogger(PrivacyDeadlines.class);

	private final RequestRepository requests;

	private final RequestLedger ledger;

	private final PackTerms terms;

	private final AppDevelopers developers;

	private final Webhooks webhooks;

	private final ApplicationEventPublisher events;

	private final PrivacyProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PrivacyDeadlines(RequestRepository requests, RequestLedger ledger, PackTerms terms, AppDevelopers developers,
			Webhooks webhooks, ApplicationEventPublisher events, PrivacyProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.requests = requests;
		this.ledger = ledger;
		this.terms = terms;
		this.developers = developers;
		this.webhooks = webhooks;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${gatehouse.privacy.deadline-interval:5m}", initialDelayString = "30s")
	void scheduledRound() {
		try {
			round();
		}
		catch (RuntimeException ex) {
			log.warn("Privacy deadline round failed: {}", ex.toString());
		}
	}

	/** @return reminders sent plus recipients marked overdue */
	public int round() {
		int handled = 0;
		int batch;
		do {
			batch = transactions.execute(status -> remind());
			handled += batch;
		}
		while (batch == properties.batchSize());
		do {
			batch = transactions.execute(status -> overdue());
			handled += batch;
		}
		while (batch == properties.batchSize());
		return handled;
	}

	private int remind() {
		Instant now = clock.instant();
		List<Recipient> due = requests.claimReminders(now.plus(terms.remindBefore()), now, properties.batchSize());
		for (Recipient recipient : due) {
			PrivacyRequest request = requests.find(recipient.requestId()).orElseThrow();
			requests.markReminded(recipient.id(), now);
			String deliveryId = webhooks.enqueue(new AppId(recipient.appId()), REMINDER_EVENT, 1,
					Map.of("requestId", request.id().toString(), "kind", request.kind().name().toLowerCase(java.util.Locale.ROOT),
							"dueAt", recipient.dueAt().toString(), "status",
							recipient.status().name().toLowerCase(java.util.Locale.ROOT)));
			developers.tell(recipient.appId(), "Privacy request due " + recipient.dueAt(), """
					A customer's %s request %s is still waiting for your app's answer. It is due at %s.

					Acknowledge it, then complete it (say what you erased or updated) or decline it with a reason,
					through the app API: POST /api/app/v1/privacy-requests/%s/complete with a client-credentials token.
					An answer after the deadline is a violation of the developer policy."""
				.formatted(request.kind().label().toLowerCase(java.util.Locale.ROOT), request.id(), recipient.dueAt(),
						request.id()),
					"Privacy request " + request.id() + " is due at " + recipient.dueAt() + ". Answer it through the app API.");
			ledger.note(request.id(), recipient, "recipient.reminded", "system", "reminder webhook " + deliveryId);
		}
		return due.size();
	}

	private int overdue() {
		List<Recipient> late = requests.claimOverdue(clock.instant(), properties.batchSize());
		for (Recipient recipient : late) {
			PrivacyRequest request = requests.find(recipient.requestId()).orElseThrow();
			requests.markOverdue(recipient.id());
			ledger.recipientMoved(recipient, RecipientStatus.OVERDUE, "system", "due at " + recipient.dueAt());
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("request", request.id().toString());
			evidence.put("kind", request.kind().name());
			evidence.put("account", request.accountId().toString());
			evidence.put("notifiedAt", recipient.notifiedAt().toString());
			evidence.put("dueAt", recipient.dueAt().toString());
			evidence.put("webhook", String.valueOf(recipient.deliveryId()));
			evidence.put("status", recipient.status().name());
			events.publishEvent(new FindingReported(terms.clauseFor(request.kind()), "app", recipient.appId().toString(),
					request.kind().mechanism(), "privacy-request:" + recipient.id(),
					"Did not complete " + request.kind().label().toLowerCase(java.util.Locale.ROOT) + " request "
							+ request.id() + " by " + recipient.dueAt() + ".",
					evidence));
		}
		return late.size();
	}

}
