package dev.gatehouse.privacy;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.privacy.PrivacyEvents.DeclineReviewed;
import dev.gatehouse.privacy.PrivacyEvents.RequestFiled;
import dev.gatehouse.privacy.internal.PackTerms;
import dev.gatehouse.privacy.internal.PrivacyDeadlines;
import dev.gatehouse.privacy.internal.RecipientSelector;
import dev.gatehouse.privacy.internal.Redactions;
import dev.gatehouse.privacy.internal.RequestLedger;
import dev.gatehouse.privacy.internal.RequestRepository;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.InputRejectedException.Violation;
import dev.gatehouse.shared.web.NotFoundException;
import dev.gatehouse.webhooks.Webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data subject requests: filing one tells every app that holds the data, by a signed webhook
 * written in the same transaction; the apps answer (acknowledge, complete with what they did,
 * or decline with a reason an operator reviews); deadlines, reminders and findings come from the
 * policy pack. Every step is kept in the request's append-only history.
 */
@Service
public class PrivacyRequests {

	public static final int MAX_SUBJECTS = 100;

	public static final int MAX_FIELDS = 50;

	public static final int MAX_TEXT = 4000;

	private static final Pattern SUBJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

	private final RequestRepository requests;

	private final RecipientSelector selector;

	private final RequestLedger ledger;

	private final PackTerms terms;

	private final PrivacyDeadlines deadlines;

	private final Redactions redactions;

	private final CustomerAccounts accounts;

	private final AppRegistry registry;

	private final Webhooks webhooks;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PrivacyRequests(RequestRepository requests, RecipientSelector selector, RequestLedger ledger, PackTerms terms,
			PrivacyDeadlines deadlines, Redactions redactions, CustomerAccounts accounts, AppRegistry registry,
			Webhooks webhooks, ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.selector = selector;
		this.ledger = ledger;
		this.terms = terms;
		this.deadlines = deadlines;
		this.redactions = redactions;
		this.accounts = accounts;
		this.registry = registry;
		this.webhooks = webhooks;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Files the request and, in the same transaction, queues its webhook to every recipient app.
	 * @throws AccessDeniedException when a customer filer is not an admin of the account
	 * @throws InputRejectedException naming each field at fault
	 */
	@Transactional
	public PrivacyRequest file(FileRequestCommand command, Filer filer) {
		accounts.require(command.account());
		if (!filer.operator() && accounts.roleOf(command.account(), filer.userId())
			.filter(role -> role == CustomerRole.ADMIN)
			.isEmpty()) {
			throw new AccessDeniedException("Only an admin of the account can file privacy requests");
		}
		command = new FileRequestCommand(command.account(), command.kind(), distinct(command.subjectIds()),
				distinct(command.changedFields()));
		validate(command);
		Instant now = clock.instant();
		Instant due = now.plus(terms.answerWithin());
		var request = new PrivacyRequest(PrivacyRequestId.random(), command.account(), command.kind(),
				command.subjectIds(), command.changedFields(),
				filer.userId() == null ? null : filer.userId().value(), filer.email(), filer.operator(), now, due,
				RequestStatus.OPEN, null);
		requests.insert(request);
		String actor = filer.label();
		ledger.note(request.id(), null, "request.filed", actor, request.kind().name() + " for "
				+ (request.kind().needsSubjects() ? request.subjectIds().size() + " subject(s)" : "the whole account"));
		List<UUID> told = new ArrayList<>();
		for (var selected : selector.select(request.accountId(), request.kind(), request.subjectIds(), now)) {
			var app = selected.installation().appId();
			String deliveryId = webhooks.enqueue(app, request.kind().eventType(), 1, payload(request));
			UUID recipientId = UUID.randomUUID();
			requests.insertRecipient(recipientId, request.id(), app.value(), selected.installation().id().value(),
					selected.reason(), deliveryId, now, due);
			requests.appendEvent(request.id(), recipientId, now, "recipient.notified", actor,
					"app " + app + " (" + selected.reason() + "), webhook " + deliveryId);
			told.add(app.value());
		}
		events.publishEvent(new RequestFiled(request.id(), request.accountId().value(), request.kind(),
				request.subjectIds().size(), told, due, actor));
		// With no recipient there is nothing to wait for: the request is completed at once, and says so.
		ledger.recompute(request.id(), actor);
		return requests.find(request.id()).orElseThrow();
	}

	public Optional<PrivacyRequest> find(PrivacyRequestId id) {
		return requests.find(id);
	}

	/** The account's request, or 404 when it is another account's. */
	public PrivacyRequest require(CustomerAccountId account, PrivacyRequestId id) {
		return requests.find(id)
			.filter(r -> r.accountId().equals(account))
			.orElseThrow(() -> new NotFoundException("No such privacy request."));
	}

	/** Newest first. */
	public List<PrivacyRequest> ofAccount(CustomerAccountId account, int limit) {
		return requests.ofAccount(account, Math.clamp(limit, 1, 500));
	}

	/** Across all accounts, newest first; {@code status} {@code null} for all. */
	public List<PrivacyRequest> latest(RequestStatus status, int limit) {
		return requests.latest(status, Math.clamp(limit, 1, 500));
	}

	@Transactional(readOnly = true) // one connection for the rows and every app's name, not one per app
	public List<Recipient> recipients(PrivacyRequestId request) {
		return named(requests.recipients(request));
	}

	/** How many apps were asked: one query, without looking up each app's name as {@link #recipients} does. */
	public int recipientCount(PrivacyRequestId request) {
		return requests.recipients(request).size();
	}

	public List<RequestEvent> history(PrivacyRequestId request) {
		return requests.events(request);
	}

	/** Declines no operator has ruled on yet, oldest first. */
	public List<Recipient> declinesAwaitingReview(int limit) {
		return named(requests.declinesAwaitingReview(Math.clamp(limit, 1, 500)));
	}

	/** The request, each recipient with its answers, and the full history: the evidence of propagation. */
	public RequestEvidence evidence(PrivacyRequest request) {
		return new RequestEvidence(request, recipients(request.id()), history(request.id()), clock.instant());
	}

	/** The app's rows, newest first; {@code awaiting} keeps those that still owe an answer. */
	public List<AppRequest> forApp(AppId app, boolean awaiting, int limit) {
		return requests.ofApp(app.value(), awaiting, Math.clamp(limit, 1, 500))
			.stream()
			.map(r -> new AppRequest(requests.find(r.requestId()).orElseThrow(), r))
			.toList();
	}

	/** The app's view of one request; 404 when the app was not asked. */
	public AppRequest forApp(AppId app, PrivacyRequestId id) {
		return requests.find(id)
			.flatMap(request -> requests.recipients(id)
				.stream()
				.filter(r -> r.appId().equals(app.value()))
				.findFirst()
				.map(r -> new AppRequest(request, r)))
			.orElseThrow(() -> new NotFoundException("No such privacy request for this app."));
	}

	/** The app has seen the request. A second acknowledgement, or one after answering, changes nothing. */
	@Transactional
	public AppRequest acknowledge(AppId app, PrivacyRequestId id, String actor) {
		Recipient recipient = ownRow(app, id);
		if (recipient.status() == RecipientStatus.NOTIFIED) {
			requests.acknowledge(recipient.id(), clock.instant());
			ledger.recipientMoved(recipient, RecipientStatus.ACKNOWLEDGED, actor, null);
		}
		else if (recipient.status() == RecipientStatus.OVERDUE && recipient.acknowledgedAt() == null) {
			// Late: it stays overdue until completed, but the acknowledgement is still evidence.
			requests.stampAcknowledged(recipient.id(), clock.instant());
			ledger.note(id, recipient, "recipient.acknowledged", actor, "after the due date");
		}
		return forApp(app, id);
	}

	/**
	 * The app did what was asked.
	 * @param outcome what was erased, updated or exported, in the app's words
	 * @param completedAt when it finished; {@code null} for now; not in the future, not before filing
	 */
	@Transactional
	public AppRequest complete(AppId app, PrivacyRequestId id, String outcome, Instant completedAt, String actor) {
		Instant now = clock.instant();
		Instant when = completedAt == null ? now : completedAt;
		Recipient recipient = ownRow(app, id);
		List<Violation> problems = new ArrayList<>();
		if (outcome == null || outcome.isBlank() || outcome.length() > MAX_TEXT) {
			problems.add(new Violation("outcome", "Say what was erased or updated, in 1 to " + MAX_TEXT + " characters."));
		}
		if (when.isAfter(now.plusSeconds(60)) || when.isBefore(recipient.notifiedAt().minusSeconds(60))) {
			problems.add(new Violation("completedAt", "Give a time between the request and now."));
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems);
		}
		if (recipient.status() == RecipientStatus.COMPLETED) {
			throw new RequestClosedException("This request was completed already.");
		}
		requests.complete(recipient.id(), outcome.strip(), when, now);
		ledger.recipientMoved(recipient, RecipientStatus.COMPLETED, actor, "completed at " + when + ": " + outcome.strip());
		return forApp(app, id);
	}

	/** The app will not act, and says why; an operator reviews the reason. */
	@Transactional
	public AppRequest decline(AppId app, PrivacyRequestId id, String reason, String actor) {
		Recipient recipient = ownRow(app, id);
		if (reason == null || reason.isBlank() || reason.length() > MAX_TEXT) {
			throw new InputRejectedException("reason", "Give the reason in 1 to " + MAX_TEXT + " characters.");
		}
		if (recipient.status() == RecipientStatus.COMPLETED || recipient.status() == RecipientStatus.DECLINED) {
			throw new RequestClosedException("This request was " + recipient.status().name().toLowerCase(java.util.Locale.ROOT)
					+ " already.");
		}
		requests.decline(recipient.id(), reason.strip(), clock.instant());
		ledger.recipientMoved(recipient, RecipientStatus.DECLINED, actor, reason.strip());
		return forApp(app, id);
	}

	/** An operator accepts a decline (the request may close) or rejects it (the app owes an answer again). */
	@Transactional
	public void reviewDecline(UUID recipientId, boolean accept, String note, String operator) {
		Recipient recipient = requests.recipientForUpdate(recipientId)
			.filter(r -> r.status() == RecipientStatus.DECLINED && r.reviewDecision() == null)
			.orElseThrow(() -> new NotFoundException("No decline awaiting review."));
		if (note != null && note.length() > MAX_TEXT) {
			throw new InputRejectedException("note", "Use at most " + MAX_TEXT + " characters.");
		}
		String cleanNote = note == null || note.isBlank() ? null : note.strip();
		requests.review(recipientId, accept, cleanNote, operator, clock.instant());
		events.publishEvent(new DeclineReviewed(recipient.requestId(), recipientId, accept, operator));
		if (accept) {
			ledger.note(recipient.requestId(), recipient, "decline.accepted", operator, cleanNote);
			ledger.recompute(recipient.requestId(), operator);
		}
		else {
			ledger.note(recipient.requestId(), recipient, "decline.rejected", operator, cleanNote);
			ledger.recipientMoved(recipient, RecipientStatus.NOTIFIED, operator, "decline rejected");
		}
	}

	/** One round of reminders and overdue findings now, as the schedule runs it. @return rows handled */
	public int runDeadlinesNow() {
		return deadlines.round();
	}

	/** Sends the uninstall redactions that are due now, as the schedule does. @return how many were sent */
	public int sendDueRedactionsNow() {
		return redactions.sendDue();
	}

	static Map<String, Object> payload(PrivacyRequest request) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("requestId", request.id().toString());
		data.put("kind", request.kind().name().toLowerCase(java.util.Locale.ROOT));
		data.put("accountId", request.accountId().toString());
		data.put("subjectIds", request.subjectIds());
		data.put("fields", request.changedFields());
		data.put("filedAt", request.filedAt().toString());
		data.put("dueAt", request.dueAt().toString());
		data.put("respond", "/api/app/v1/privacy-requests/" + request.id());
		return data;
	}

	private Recipient ownRow(AppId app, PrivacyRequestId id) {
		return requests.recipientForUpdate(id, app.value())
			.orElseThrow(() -> new NotFoundException("No such privacy request for this app."));
	}

	private List<Recipient> named(List<Recipient> recipients) {
		Map<UUID, String> names = new LinkedHashMap<>();
		return recipients.stream()
			.map(r -> r.withAppName(names.computeIfAbsent(r.appId(),
					id -> registry.find(new AppId(id)).map(App::name).orElse(id.toString()))))
			.toList();
	}

	private static void validate(FileRequestCommand command) {
		List<Violation> problems = new ArrayList<>();
		if (command.kind() == null) {
			problems.add(new Violation("kind", "Choose what to ask of the apps."));
		}
		else if (command.kind().needsSubjects()) {
			if (command.subjectIds().isEmpty() || command.subjectIds().size() > MAX_SUBJECTS) {
				problems.add(new Violation("subjectIds", "Give 1 to " + MAX_SUBJECTS + " subject ids."));
			}
			else if (!command.subjectIds().stream().allMatch(s -> SUBJECT_ID.matcher(s).matches())) {
				problems.add(new Violation("subjectIds",
						"Use the platform's subject ids: letters, digits and . _ : @ -, up to 200 characters each."));
			}
		}
		else if (!command.subjectIds().isEmpty()) {
			problems.add(new Violation("subjectIds", "An account closure covers every subject; leave this empty."));
		}
		if (command.kind() == RequestKind.RECTIFICATION) {
			if (command.changedFields().isEmpty() || command.changedFields().size() > MAX_FIELDS) {
				problems.add(new Violation("changedFields", "Name 1 to " + MAX_FIELDS + " fields that changed."));
			}
			else if (!command.changedFields().stream().allMatch(f -> FIELD_NAME.matcher(f).matches())) {
				problems.add(new Violation("changedFields",
						"Name fields, not values: letters, digits and _ . -, starting with a letter."));
			}
		}
		else if (command.kind() != null && !command.changedFields().isEmpty()) {
			problems.add(new Violation("changedFields", "Only a rectification names changed fields."));
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems);
		}
	}

	private static List<String> distinct(List<String> values) {
		return List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
	}

}
