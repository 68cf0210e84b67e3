package dev.gatehouse.incidents;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.incidents.BlastRadius.AffectedAccount;
import dev.gatehouse.incidents.BlastRadius.AffectedSubject;
import dev.gatehouse.incidents.BlastRadius.Snapshot;
import dev.gatehouse.incidents.IncidentEvents.AuthorityNotified;
import dev.gatehouse.incidents.IncidentEvents.BlastRadiusComputed;
import dev.gatehouse.incidents.IncidentEvents.CampaignSent;
import dev.gatehouse.incidents.IncidentEvents.CustomersNotified;
import dev.gatehouse.incidents.IncidentEvents.IncidentAmended;
import dev.gatehouse.incidents.IncidentEvents.IncidentClosed;
import dev.gatehouse.incidents.IncidentEvents.IncidentOpened;
import dev.gatehouse.incidents.IncidentEvents.NoticeDrafted;
import dev.gatehouse.incidents.IncidentEvents.NoticeStatusChanged;
import dev.gatehouse.incidents.internal.BlastRadiusCalculator;
import dev.gatehouse.incidents.internal.ClockWatch;
import dev.gatehouse.incidents.internal.DossierPdf;
import dev.gatehouse.incidents.internal.IncidentRepository;
import dev.gatehouse.incidents.internal.IncidentTerms;
import dev.gatehouse.incidents.internal.NoticeTemplate;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerMembership;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.InputRejectedException.Violation;
import dev.gatehouse.shared.web.NotFoundException;
import dev.gatehouse.shared.web.WebProperties;
import dev.gatehouse.webhooks.Webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Breach incidents: intake (self-reported or opened by an operator), the blast radius from the
 * access log (kept as snapshots), the notice to every affected account's admins (mail and in-app,
 * each send tracked), the two clocks, the timeline and the dossier. Whether an incident was
 * self-reported and when the platform became aware are written once and never changed.
 */
@Service
public class Incidents {

	public static final int MAX_APPS = 20;

	public static final int MAX_CATEGORIES = 30;

	public static final int MAX_TEXT = 8000;

	public static final int MAX_TITLE = 200;

	public static final Duration MAX_WINDOW = Duration.ofDays(400);

	/** What a notice may contain besides the text it is built from. */
	public static final Set<String> PLACEHOLDERS = Set.of("platform", "reference", "account", "apps", "window",
			"discovered", "categories", "subjects", "subject_counts", "description", "containment", "contact", "link");

	private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,49}");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private static final String NOTICE_CATEGORY = "incidents.notice";

	private final IncidentRepository incidents;

	private final BlastRadiusCalculator calculator;

	private final ClockWatch clocks;

	private final IncidentTerms terms;

	private final AppRegistry registry;

	private final CustomerAccounts accounts;

	private final Accounts users;

	private final Notifications notifications;

	private final Webhooks webhooks;

	private final IncidentsProperties properties;

	private final WebProperties web;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Incidents(IncidentRepository incidents, BlastRadiusCalculator calculator, ClockWatch clocks, IncidentTerms terms,
			AppRegistry registry, CustomerAccounts accounts, Accounts users, Notifications notifications, Webhooks webhooks,
			IncidentsProperties properties, WebProperties web, ApplicationEventPublisher events, Clock clock) {
		this.incidents = incidents;
		this.calculator = calculator;
		this.clocks = clocks;
		this.terms = terms;
		this.registry = registry;
		this.accounts = accounts;
		this.users = users;
		this.notifications = notifications;
		this.webhooks = webhooks;
		this.properties = properties;
		this.web = web;
		this.events = events;
		this.clock = clock;
	}

	// --- intake -----------------------------------------------------------------------------------

	/**
	 * Opens an incident and computes its blast radius, in one transaction. A developer may report
	 * only apps of their organizations, an app only itself; an operator any app.
	 * @throws InputRejectedException naming each field at fault
	 */
	@Transactional
	public Incident open(IntakeCommand command, Reporter reporter) {
		Objects.requireNonNull(reporter, "reporter");
		Instant now = now();
		validate(command, now);
		List<App> apps = command.appIds().stream().map(id -> app(id)).toList();
		switch (reporter.kind()) {
			case DEVELOPER -> apps.forEach(a -> registry.requireForDeveloper(a.id(), new UserId(reporter.userId())));
			case APP -> {
				if (!command.appIds().equals(List.of(reporter.appId()))) {
					throw new InputRejectedException("apps", "An app reports incidents about itself only.");
				}
			}
			case OPERATOR -> {
				// any app
			}
		}
		Set<UUID> orgs = apps.stream().map(a -> a.organizationId().value()).collect(Collectors.toSet());
		var incident = new Incident(IncidentId.random(), incidents.nextReference(now), command.title().strip(),
				IncidentStatus.OPEN, reporter.selfReport(), now, reporter.label(), reporter.userId(),
				orgs.size() == 1 ? orgs.iterator().next() : null, blankToNull(command.sourceFinding()),
				command.discoveredAt(), command.windowFrom(), command.windowTo(), command.dataCategories(),
				command.description().strip(), command.containment().strip(), command.contact().strip(),
				command.appIds(), null, null, null, null, null, null, null, now);
		incidents.insert(incident);
		incidents.note(incident.id(), now, "incident.opened", reporter.label(),
				(incident.selfReported() ? "self-reported" : "opened by the platform")
						+ (incident.sourceFinding() == null ? "" : " from finding " + incident.sourceFinding()) + "; apps "
						+ apps.stream().map(App::name).collect(Collectors.joining(", ")) + "; window " + window(incident)
						+ "; categories " + String.join(", ", incident.dataCategories()));
		events.publishEvent(new IncidentOpened(incident.id(), incident.reference(), incident.selfReported(), now,
				incident.appIds(), reporter.label()));
		reportFinding(incident);
		platformWebhook("incident.opened", incident, Map.of());
		recompute(incident, reporter.label());
		return require(incident.id());
	}

	/**
	 * Changes what is known. A new window (or new apps are not possible: open another incident)
	 * recomputes the blast radius; the old snapshot stays in the timeline.
	 */
	@Transactional
	public Incident amend(IncidentId id, IntakeCommand command, String actor) {
		Incident before = lockOpen(id);
		Instant now = now();
		var merged = new IntakeCommand(command.title(), before.appIds(), command.discoveredAt(), command.windowFrom(),
				command.windowTo(), command.dataCategories(), command.description(), command.containment(),
				command.contact(), before.sourceFinding());
		validate(merged, now);
		incidents.amend(id, merged.title().strip(), merged.discoveredAt(), merged.windowFrom(), merged.windowTo(),
				merged.dataCategories(), merged.description().strip(), merged.containment().strip(),
				merged.contact().strip(), now);
		Incident after = require(id);
		List<String> changed = new ArrayList<>();
		if (!before.title().equals(after.title())) changed.add("title");
		if (!before.discoveredAt().equals(after.discoveredAt())) changed.add("discoveredAt");
		boolean windowChanged = !before.windowFrom().equals(after.windowFrom()) || !before.windowTo().equals(after.windowTo());
		if (windowChanged) changed.add("window");
		if (!before.dataCategories().equals(after.dataCategories())) changed.add("dataCategories");
		if (!before.description().equals(after.description())) changed.add("description");
		if (!before.containment().equals(after.containment())) changed.add("containment");
		if (!before.contact().equals(after.contact())) changed.add("contact");
		if (changed.isEmpty()) {
			return after;
		}
		incidents.note(id, now, "incident.amended", actor, String.join(", ", changed)
				+ (windowChanged ? ": window was " + window(before) + ", now " + window(after) : ""));
		events.publishEvent(new IncidentAmended(id, changed, actor));
		if (windowChanged) {
			recompute(after, actor);
		}
		return require(id);
	}

	/** Computes the blast radius again for the current window (the access log may have grown). */
	@Transactional
	public Snapshot recompute(IncidentId id, String actor) {
		return recompute(lockOpen(id), actor);
	}

	private Snapshot recompute(Incident incident, String actor) {
		Snapshot snapshot = calculator.compute(incident, actor);
		incidents.note(incident.id(), snapshot.computedAt(), "blast_radius.computed", actor,
				"window " + window(incident) + ": " + snapshot.accounts() + " account(s), " + snapshot.subjects()
						+ " subject(s), " + snapshot.touches() + " touch(es), in " + snapshot.millis() + " ms");
		events.publishEvent(new BlastRadiusComputed(incident.id(), snapshot.id(), incident.windowFrom(),
				incident.windowTo(), snapshot.accounts(), snapshot.subjects(), snapshot.touches(), actor));
		updateCustomersNotified(incident, actor);
		return snapshot;
	}

	// --- reading ----------------------------------------------------------------------------------

	public Optional<Incident> find(IncidentId id) {
		return incidents.find(id);
	}

	public Incident require(IncidentId id) {
		return incidents.find(id).orElseThrow(() -> new NotFoundException("No such incident."));
	}

	/** Newest awareness first; {@code status} {@code null} for all. */
	public List<Incident> latest(IncidentStatus status, int limit) {
		return incidents.latest(status, Math.clamp(limit, 1, 500));
	}

	/** The incidents about the organization's apps, for its developers. */
	public List<Incident> ofOrganization(dev.gatehouse.developers.OrganizationId organization, int limit) {
		return incidents.ofApps(registry.ofOrganization(organization).stream().map(a -> a.id().value()).toList(),
				Math.clamp(limit, 1, 500));
	}

	/** The incident, when it names an app of the organization; 404 otherwise. */
	public Incident requireForOrganization(dev.gatehouse.developers.OrganizationId organization, IncidentId id) {
		Set<UUID> own = registry.ofOrganization(organization).stream().map(a -> a.id().value()).collect(Collectors.toSet());
		return incidents.find(id)
			.filter(i -> i.appIds().stream().anyMatch(own::contains))
			.orElseThrow(() -> new NotFoundException("No such incident."));
	}

	/** The incidents an app reported or is named in, newest first. */
	public List<Incident> ofApp(AppId app, int limit) {
		return incidents.ofApps(List.of(app.value()), Math.clamp(limit, 1, 500));
	}

	/** Incidents the account's admins were notified of, newest first. */
	public List<Incident> notifiedTo(CustomerAccountId account, int limit) {
		return incidents.notifiedTo(account.value(), Math.clamp(limit, 1, 500));
	}

	/** The incident as the account sees it: only once the account was notified; 404 otherwise. */
	public Incident requireNotifiedTo(CustomerAccountId account, IncidentId id) {
		return incidents.find(id)
			.filter(i -> !incidents.noticesOfAccount(id, account.value()).isEmpty())
			.orElseThrow(() -> new NotFoundException("No such incident."));
	}

	public List<Snapshot> snapshots(IncidentId id) {
		return incidents.snapshots(id);
	}

	public Optional<Snapshot> currentSnapshot(IncidentId id) {
		return incidents.currentSnapshot(id);
	}

	/** The snapshot's accounts, most subjects first, with their names. */
	public List<AffectedAccount> affectedAccounts(UUID snapshot) {
		return incidents.snapshotAccounts(snapshot)
			.stream()
			.map(a -> new AffectedAccount(a.accountId(), accountName(a.accountId()), a.subjects(), a.touches(),
					a.subjectsPerCategory()))
			.toList();
	}

	/** The snapshot's subjects, of one account or ({@code null}) of all, by account and subject. */
	public List<AffectedSubject> affectedSubjects(UUID snapshot, UUID account, int limit) {
		return incidents.snapshotSubjects(snapshot, account, Math.max(1, limit));
	}

	public List<TimelineEntry> timeline(IncidentId id) {
		return incidents.timeline(id);
	}

	public List<Campaign> campaigns(IncidentId id) {
		return incidents.campaigns(id);
	}

	public List<Notice> notices(IncidentId id) {
		return incidents.notices(id);
	}

	public List<Notice> notices(IncidentId id, CustomerAccountId account) {
		return incidents.noticesOfAccount(id, account.value());
	}

	public String appName(UUID app) {
		return registry.find(new AppId(app)).map(App::name).orElse(app.toString());
	}

	public String accountName(UUID account) {
		try {
			return accounts.require(new CustomerAccountId(account)).name();
		}
		catch (NotFoundException ex) {
			return account.toString();
		}
	}

	// --- clocks -----------------------------------------------------------------------------------

	public IncidentClocks clocks(Incident incident) {
		return clocksAt(incident, now());
	}

	/** The two clocks as they stand at {@code now}. */
	public IncidentClocks clocksAt(Incident incident, Instant now) {
		Duration limit = terms.notifyWithin();
		Instant end = incident.closedAt() != null && incident.closedAt().isBefore(now) ? incident.closedAt() : now;
		boolean anyAffected = incidents.currentSnapshot(incident.id()).map(s -> s.accounts() > 0).orElse(false);
		return new IncidentClocks(
				IncidentClock.of("authority", incident.platformAwareAt(), limit, incident.authorityNotifiedAt(), true, end),
				IncidentClock.of("customers", incident.platformAwareAt(), limit, incident.customersNotifiedAt(), anyAffected,
						end));
	}

	/** The pack's breach notification limit in force. */
	public Duration notificationLimit() {
		return terms.notifyWithin();
	}

	/**
	 * Follows queued notices and reports the clocks that ran out as of {@code now}, as the schedule
	 * does with the current time. @return notices followed plus clocks marked overdue
	 */
	public int checkClocks(Instant now) {
		return clocks.round(now);
	}

	/** An operator records that the supervisory authority was notified: the authority clock stops. */
	@Transactional
	public Incident recordAuthorityNotified(IncidentId id, Instant at, String reference, String actor) {
		Incident incident = lockOpen(id);
		Instant now = now();
		if (at == null || at.isAfter(now.plusSeconds(60)) || at.isBefore(incident.platformAwareAt().minusSeconds(60))) {
			throw new InputRejectedException("notifiedAt", "Give a time between the platform's awareness and now.");
		}
		if (reference != null && reference.length() > 200) {
			throw new InputRejectedException("reference", "Use at most 200 characters.");
		}
		if (incident.authorityNotifiedAt() != null) {
			throw new InputRejectedException("notifiedAt", "The authority notification was recorded already, at "
					+ WHEN.format(incident.authorityNotifiedAt()) + ".");
		}
		incidents.authorityNotified(id, at, blankToNull(reference), now);
		incidents.note(id, now, "authority.notified", actor, "notified at " + WHEN.format(at)
				+ (blankToNull(reference) == null ? "" : ", reference " + reference.strip()));
		events.publishEvent(new AuthorityNotified(id, at, blankToNull(reference), actor));
		return require(id);
	}

	@Transactional
	public Incident close(IncidentId id, String note, String actor) {
		lockOpen(id);
		if (note == null || note.isBlank() || note.length() > MAX_TEXT) {
			throw new InputRejectedException("note", "Say how the incident ended, in 1 to " + MAX_TEXT + " characters.");
		}
		Instant now = now();
		incidents.close(id, note.strip(), now);
		incidents.note(id, now, "incident.closed", actor, note.strip());
		events.publishEvent(new IncidentClosed(id, note.strip(), actor));
		return require(id);
	}

	// --- the notice -------------------------------------------------------------------------------

	/** The draft notice, written from the template the first time it is asked for. */
	@Transactional
	public Campaign draft(IncidentId id, String actor) {
		Incident incident = require(id);
		return incidents.draft(id).orElseGet(() -> {
			var campaign = new Campaign(UUID.randomUUID(), id, NoticeTemplate.SUBJECT_TEMPLATE,
					NoticeTemplate.BODY_TEMPLATE, Campaign.Status.DRAFT, now(), actor, now(), null, null);
			incidents.insertCampaign(campaign);
			incidents.note(incident.id(), now(), "notice.drafted", actor, "from the template");
			events.publishEvent(new NoticeDrafted(id, campaign.id(), actor));
			return campaign;
		});
	}

	/** The operator's edit of the draft: placeholders must be known ones, so a typo cannot reach a customer. */
	@Transactional
	public Campaign editDraft(IncidentId id, String subject, String body, String actor) {
		lockOpen(id);
		Campaign draft = draft(id, actor);
		List<Violation> problems = new ArrayList<>();
		if (subject == null || subject.isBlank() || subject.length() > 150 || subject.contains("\n") || subject.contains("\r")) {
			problems.add(new Violation("subject", "One line of 1 to 150 characters."));
		}
		else if (!NoticeTemplate.unknown(subject, PLACEHOLDERS).isEmpty()) {
			problems.add(new Violation("subject", "Unknown placeholder(s): " + NoticeTemplate.unknown(subject, PLACEHOLDERS)));
		}
		if (body == null || body.isBlank() || body.length() > MAX_TEXT) {
			problems.add(new Violation("body", "Write the notice in 1 to " + MAX_TEXT + " characters."));
		}
		else if (!NoticeTemplate.unknown(body, PLACEHOLDERS).isEmpty()) {
			problems.add(new Violation("body", "Unknown placeholder(s): " + NoticeTemplate.unknown(body, PLACEHOLDERS)));
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems);
		}
		incidents.editCampaign(draft.id(), subject.strip(), body.strip() + "\n", now());
		incidents.note(id, now(), "notice.edited", actor, null);
		events.publishEvent(new NoticeDrafted(id, draft.id(), actor));
		return incidents.draft(id).orElseThrow();
	}

	/** The notice as one account would get it. */
	public RenderedNotice preview(IncidentId id, UUID account, String subject, String body) {
		Incident incident = require(id);
		Snapshot snapshot = incidents.currentSnapshot(id).orElseThrow();
		var row = incidents.snapshotAccounts(snapshot.id())
			.stream()
			.filter(a -> account == null || a.accountId().equals(account))
			.findFirst();
		Map<String, String> values = values(incident, row.map(r -> r.accountId()).orElse(null),
				row.map(r -> r.subjects()).orElse(0L), row.map(r -> r.subjectsPerCategory()).orElse(Map.of()), null);
		return new RenderedNotice(row.map(r -> r.accountId()).orElse(null),
				NoticeTemplate.render(subject, values).strip(), NoticeTemplate.render(body, values));
	}

	/** A notice filled in for an account; {@code accountId} {@code null} when no account is affected. */
	public record RenderedNotice(UUID accountId, String subject, String body) {
	}

	/**
	 * Sends the draft to the admins of every account of the current blast radius that was not sent a
	 * notice yet: a mail and an in-app item each, with a tracked link. Accounts without an admin who
	 * can receive it are named in the timeline and keep the customer clock running.
	 * @return the accounts notified now
	 */
	@Transactional
	public int send(IncidentId id, String actor) {
		Incident incident = lockOpen(id);
		Campaign draft = incidents.draft(id)
			.orElseThrow(() -> new InputRejectedException("campaign", "Review the notice before sending it."));
		Snapshot snapshot = incidents.currentSnapshot(id).orElseThrow();
		Set<UUID> done = new HashSet<>(incidents.notifiedAccounts(id));
		Instant now = now();
		int accountsTold = 0;
		int recipients = 0;
		List<String> unreachable = new ArrayList<>();
		for (var account : incidents.snapshotAccounts(snapshot.id())) {
			if (done.contains(account.accountId())) {
				continue;
			}
			List<UserAccount> admins = admins(account.accountId());
			if (admins.isEmpty()) {
				unreachable.add(accountName(account.accountId()));
				continue;
			}
			for (UserAccount admin : admins) {
				UUID noticeId = UUID.randomUUID();
				String path = "/customer-accounts/" + account.accountId() + "/incidents/" + id + "?notice=" + noticeId;
				Map<String, String> values = values(incident, account.accountId(), account.subjects(),
						account.subjectsPerCategory(), web.link(path));
				String subject = NoticeTemplate.render(draft.subject(), values).strip();
				String body = NoticeTemplate.render(draft.body(), values);
				UUID message = notifications.email(new EmailMessage(admin.email(), admin.id().value(), NOTICE_CATEGORY,
						subject, body, null));
				notifications.inApp(admin.id().value(), subject.length() > 200 ? subject.substring(0, 200) : subject,
						"Data of " + accountName(account.accountId()) + " may have been exposed through "
								+ appNames(incident) + ". Open the notice for what happened and which subjects were affected.",
						path);
				incidents.insertNotice(new Notice(noticeId, draft.id(), id, account.accountId(), admin.id().value(),
						admin.email(), subject, body, message, Notice.Status.QUEUED, now, null, null, null, null));
				recipients++;
			}
			incidents.note(id, now, "notice.queued", actor, accountName(account.accountId()) + ": " + admins.size()
					+ " admin(s), " + account.subjects() + " subject(s)");
			accountsTold++;
		}
		if (accountsTold == 0 && unreachable.isEmpty()) {
			throw new InputRejectedException("campaign", "Every affected account has been notified already.");
		}
		incidents.campaignSent(draft.id(), snapshot.id(), actor, now);
		incidents.note(id, now, "campaign.sent", actor, accountsTold + " account(s), " + recipients + " admin(s)"
				+ (unreachable.isEmpty() ? "" : "; no admin to notify in: " + String.join(", ", unreachable)));
		events.publishEvent(new CampaignSent(id, draft.id(), accountsTold, recipients, actor));
		platformWebhook("incident.customers_notified", incident, Map.of("accounts", accountsTold, "recipients", recipients));
		updateCustomersNotified(require(id), actor);
		return accountsTold;
	}

	/**
	 * The notice's tracked link was opened by its recipient: the notice is read. Anyone else
	 * opening it (another admin of the account) changes nothing.
	 */
	@Transactional
	public void noticeOpened(UUID noticeId, UUID userId) {
		incidents.noticeForUpdate(noticeId)
			.filter(n -> n.userId().equals(userId) && n.readAt() == null)
			.ifPresent(n -> {
				Instant now = now();
				incidents.noticeRead(n.id(), now);
				incidents.note(n.incidentId(), now, "notice.read", n.email(), "account " + accountName(n.accountId()));
				events.publishEvent(new NoticeStatusChanged(n.incidentId(), n.id(), n.accountId(), n.status(),
						Notice.Status.READ, n.email()));
			});
	}

	// --- dossier ----------------------------------------------------------------------------------

	/** Everything about the incident, as evidence for the authority: every snapshot, notice and timeline entry. */
	@Transactional(readOnly = true)
	public IncidentDossier dossier(IncidentId id) {
		Incident incident = require(id);
		Instant now = now();
		List<IncidentDossier.SnapshotDetail> snapshots = incidents.snapshots(id)
			.stream()
			.map(s -> new IncidentDossier.SnapshotDetail(s, affectedAccounts(s.id()),
					s.current() ? incidents.snapshotSubjects(s.id(), null, Integer.MAX_VALUE) : List.of()))
			.toList();
		Map<UUID, String> appNames = new LinkedHashMap<>();
		incident.appIds().forEach(a -> appNames.put(a, appName(a)));
		return new IncidentDossier(incident, appNames, clocksAt(incident, now), terms.notifyWithin(), terms.clause(),
				snapshots, incidents.campaigns(id), incidents.notices(id), incidents.timeline(id), now);
	}

	/** The dossier as a printable PDF. */
	public byte[] dossierPdf(IncidentId id) {
		return DossierPdf.render(dossier(id));
	}

	// --- helpers ----------------------------------------------------------------------------------

	private void updateCustomersNotified(Incident incident, String actor) {
		Snapshot snapshot = incidents.currentSnapshot(incident.id()).orElse(null);
		if (snapshot == null) {
			return;
		}
		Set<UUID> notified = new HashSet<>(incidents.notifiedAccounts(incident.id()));
		boolean all = snapshot.accounts() > 0
				&& incidents.snapshotAccounts(snapshot.id()).stream().allMatch(a -> notified.contains(a.accountId()));
		if (all && incident.customersNotifiedAt() == null) {
			Instant now = now();
			incidents.customersNotified(incident.id(), now, now);
			incidents.note(incident.id(), now, "customers.notified", actor, snapshot.accounts() + " account(s)");
			events.publishEvent(new CustomersNotified(incident.id(), now, snapshot.accounts(), actor));
		}
		else if (!all && incident.customersNotifiedAt() != null) {
			// A wider window found accounts not told yet: the customer clock runs again.
			incidents.customersNotified(incident.id(), null, now());
			incidents.note(incident.id(), now(), "customers.pending", actor,
					"the new blast radius has accounts that were not notified");
		}
	}

	private List<UserAccount> admins(UUID account) {
		return accounts.members(new CustomerAccountId(account))
			.stream()
			.filter(m -> m.role() == CustomerRole.ADMIN)
			.map(CustomerMembership::userId)
			.map(users::find)
			.flatMap(Optional::stream)
			.filter(UserAccount::enabled)
			.toList();
	}

	private Map<String, String> values(Incident incident, UUID account, long subjects, Map<String, Long> perCategory,
			String link) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("platform", terms.platformName());
		values.put("reference", incident.reference());
		values.put("account", account == null ? "(no affected account)" : accountName(account));
		values.put("apps", appNames(incident));
		values.put("window", window(incident));
		values.put("discovered", WHEN.format(incident.discoveredAt()));
		values.put("categories", String.join(", ", incident.dataCategories()));
		values.put("subjects", Long.toString(subjects));
		values.put("subject_counts", perCategory.isEmpty() ? "none"
				: perCategory.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
		values.put("description", incident.description());
		values.put("containment", incident.containment());
		values.put("contact", incident.contact());
		values.put("link", link == null ? web.link("/customer-accounts/" + (account == null ? "…" : account) + "/incidents/"
				+ incident.id()) : link);
		return values;
	}

	private String appNames(Incident incident) {
		return incident.appIds().stream().map(this::appName).collect(Collectors.joining(", "));
	}

	private static String window(Incident incident) {
		return WHEN.format(incident.windowFrom()) + " and " + WHEN.format(incident.windowTo());
	}

	/** Every incident is a finding against each app: enforcement decides, with the self-report as mitigation. */
	private void reportFinding(Incident incident) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("incident", incident.id().toString());
		evidence.put("reference", incident.reference());
		evidence.put("selfReported", incident.selfReported());
		evidence.put("platformAwareAt", incident.platformAwareAt().toString());
		evidence.put("discoveredAt", incident.discoveredAt().toString());
		evidence.put("windowFrom", incident.windowFrom().toString());
		evidence.put("windowTo", incident.windowTo().toString());
		evidence.put("dataCategories", incident.dataCategories());
		if (incident.sourceFinding() != null) {
			evidence.put("sourceFinding", incident.sourceFinding());
		}
		for (UUID app : incident.appIds()) {
			events.publishEvent(new FindingReported(terms.clause(), "app", app.toString(), "incident",
					"incident:" + incident.id(),
					(incident.selfReported() ? "Self-reported" : "Platform-found") + " breach " + incident.reference() + ": "
							+ incident.title(),
					evidence));
		}
	}

	private void platformWebhook(String type, Incident incident, Map<String, Object> extra) {
		if (properties.platformWebhookApp() == null) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("incidentId", incident.id().toString());
		data.put("reference", incident.reference());
		data.put("selfReported", incident.selfReported());
		data.put("platformAwareAt", incident.platformAwareAt().toString());
		data.put("apps", incident.appIds().stream().map(UUID::toString).toList());
		data.put("windowFrom", incident.windowFrom().toString());
		data.put("windowTo", incident.windowTo().toString());
		data.put("dataCategories", incident.dataCategories());
		data.putAll(extra);
		String delivery = webhooks.enqueue(new AppId(properties.platformWebhookApp()), type, 1, data);
		incidents.note(incident.id(), now(), "platform.webhook", "system", type + ", delivery " + delivery);
	}

	private Incident lockOpen(IncidentId id) {
		Incident incident = incidents.findForUpdate(id).orElseThrow(() -> new NotFoundException("No such incident."));
		if (!incident.open()) {
			throw new InputRejectedException("status", "The incident is closed.");
		}
		return incident;
	}

	private App app(UUID id) {
		return registry.find(new AppId(id)).orElseThrow(() -> new InputRejectedException("apps", "No such app: " + id));
	}

	private void validate(IntakeCommand c, Instant now) {
		List<Violation> problems = new ArrayList<>();
		if (c.title() == null || c.title().isBlank() || c.title().length() > MAX_TITLE) {
			problems.add(new Violation("title", "Name the incident in 1 to " + MAX_TITLE + " characters."));
		}
		if (c.appIds().isEmpty() || c.appIds().size() > MAX_APPS) {
			problems.add(new Violation("apps", "Name 1 to " + MAX_APPS + " apps."));
		}
		if (c.discoveredAt() == null || c.discoveredAt().isAfter(now.plusSeconds(60))) {
			problems.add(new Violation("discoveredAt", "Give when it was discovered, not in the future."));
		}
		if (c.windowFrom() == null || c.windowTo() == null) {
			problems.add(new Violation("windowFrom", "Give the exposure window's start and end."));
		}
		else if (!c.windowFrom().isBefore(c.windowTo())) {
			problems.add(new Violation("windowTo", "The window must end after it starts."));
		}
		else if (c.windowTo().isAfter(now.plus(1, ChronoUnit.MINUTES))) {
			problems.add(new Violation("windowTo", "The window cannot end in the future; give now if it is still open."));
		}
		else if (Duration.between(c.windowFrom(), c.windowTo()).compareTo(MAX_WINDOW) > 0) {
			problems.add(new Violation("windowFrom", "The window can span at most " + MAX_WINDOW.toDays() + " days."));
		}
		if (c.dataCategories().isEmpty() || c.dataCategories().size() > MAX_CATEGORIES) {
			problems.add(new Violation("dataCategories", "Name 1 to " + MAX_CATEGORIES + " data categories."));
		}
		else if (!c.dataCategories().stream().allMatch(s -> CATEGORY.matcher(s).matches())) {
			problems.add(new Violation("dataCategories",
					"Use the data categories' names: lower-case letters, digits and _ . -, such as health or contact."));
		}
		text(problems, "description", c.description(), MAX_TEXT, "Say what happened");
		text(problems, "containment", c.containment(), MAX_TEXT, "Say what was done to contain it");
		text(problems, "contact", c.contact(), 500, "Give who to contact about it");
		if (c.sourceFinding() != null && c.sourceFinding().length() > 200) {
			problems.add(new Violation("sourceFinding", "Use at most 200 characters."));
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems);
		}
	}

	private static void text(List<Violation> problems, String field, String value, int max, String what) {
		if (value == null || value.isBlank() || value.length() > max) {
			problems.add(new Violation(field, what + ", in 1 to " + max + " characters."));
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
