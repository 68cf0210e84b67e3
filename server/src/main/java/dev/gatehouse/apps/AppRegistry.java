package dev.gatehouse.apps;

import dev.gatehouse.apps.AppEvents.AppCreated;
import dev.gatehouse.apps.AppEvents.AppStatusChanged;
import dev.gatehouse.apps.AppEvents.RevisionDecided;
import dev.gatehouse.apps.AppEvents.RevisionSaved;
import dev.gatehouse.apps.AppEvents.RevisionSubmitted;
import dev.gatehouse.apps.AppEvents.ScopesDropped;
import dev.gatehouse.apps.AppEvents.SubProcessorAdded;
import dev.gatehouse.apps.AppEvents.SubProcessorDecided;
import dev.gatehouse.apps.internal.AppRepository;
import dev.gatehouse.apps.internal.AppRules;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.shared.web.NotFoundException;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The app registry's facade: apps, their revisions and lifecycle, and sub-processors. Developers act
 * on their organization's apps; operators move apps through review and enforcement.
 */
@Service
public class AppRegistry {

	static final int DEFAULT_MIN_JUSTIFICATION = 20;

	private final AppRepository apps;

	private final ScopeCatalogue scopes;

	private final DeveloperOrganizations organizations;

	private final LegalDocuments legal;

	private final OrganizationSuspensions suspensions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppRegistry(AppRepository apps, ScopeCatalogue scopes, DeveloperOrganizations organizations, LegalDocuments legal,
			OrganizationSuspensions suspensions, ApplicationEventPublisher events, Clock clock) {
		this.suspensions = suspensions;
		this.apps = apps;
		this.scopes = scopes;
		this.organizations = organizations;
		this.legal = legal;
		this.events = events;
		this.clock = clock;
	}

	/** A new app in draft, with its first revision. Needs every current legal document accepted. */
	@Transactional
	public App create(OrganizationId organization, UserId developer, AppDraft draft) {
		requireMember(organization, developer);
		requireNotSuspended(organization);
		legal.requireGoodStanding(organization);
		check(AppRules.onSave(draft, scopes.byName(), appTypes()));
		String name = draft.listing().name() == null ? "" : draft.listing().name().strip();
		if (name.isEmpty()) {
			throw new AppRejectedException("listing.name", "Give the app a name.");
		}
		requireUniqueName(name, null);
		Instant now = clock.instant();
		App app = new App(AppId.random(), organization, name, uniqueSlug(name), draft.appType(), AppStatus.DRAFT, null,
				null, now, now);
		apps.insertApp(app, developer.value());
		UUID revision = UUID.randomUUID();
		apps.insertRevision(revision, app.id(), 1, draft, null, now);
		apps.setRevisions(app.id(), null, revision);
		apps.history(app.id(), now, developer.toString(), "created", null, AppStatus.DRAFT, null);
		events.publishEvent(new AppCreated(app.id(), organization.value(), name));
		return apps.find(app.id()).orElseThrow();
	}

	/**
	 * Saves the developer's changes. Before the first approval they change the draft; after it, they
	 * go into a new revision that needs review while the live one stays in force.
	 */
	@Transactional
	public Revision update(AppId id, UserId developer, AppDraft draft) {
		App app = lockForDeveloper(id, developer);
		if (!app.status().editable()) {
			throw new AppRejectedException("status", "An app that is " + label(app.status()) + " cannot be changed now.");
		}
		check(AppRules.onSave(draft, scopes.byName(), appTypes()));
		Revision target = editableRevision(app);
		apps.updateRevision(target.id(), draft);
		if (app.liveRevisionId() == null) {
			String name = draft.listing().name() == null || draft.listing().name().isBlank() ? app.name()
					: draft.listing().name().strip();
			requireUniqueName(name, app.id());
			apps.setNameAndType(app.id(), name, draft.appType());
		}
		events.publishEvent(new RevisionSaved(app.id(), target.id(), target.number()));
		return apps.revision(target.id()).orElseThrow();
	}

	/** Sends the draft revision to review, after the completeness checks and the legal gate. */
	@Transactional
	public Revision submit(AppId id, UserId developer) {
		App app = lockForDeveloper(id, developer);
		requireNotSuspended(app.organizationId());
		legal.requireGoodStanding(app.organizationId());
		Revision draft = apps.revision(app.draftRevisionId())
			.filter(r -> r.state() == RevisionState.DRAFT || r.state() == RevisionState.CHANGES_REQUESTED)
			.orElseThrow(() -> new AppRejectedException("status", "There is no draft to submit."));
		AppDraft content = withType(draft.content(), app.appType());
		check(AppRules.onSubmit(content, scopes.byName(), appTypes(), minJustification(), draft.logoSha256() != null));
		if (app.liveRevisionId() == null) {
			transition(app, AppStatus.SUBMITTED, developer.toString(), "submitted for review");
		}
		apps.setRevisionState(draft.id(), RevisionState.SUBMITTED, clock.instant());
		apps.history(app.id(), clock.instant(), developer.toString(), "revision " + draft.number() + " submitted", null,
				null, null);
		events.publishEvent(new RevisionSubmitted(app.id(), draft.id(), draft.number()));
		return apps.revision(draft.id()).orElseThrow();
	}

	/** A reviewer takes the submitted revision. */
	@Transactional
	public void startReview(AppId id, String reviewer) {
		App app = lock(id);
		Revision revision = submitted(app, RevisionState.SUBMITTED);
		if (app.status() == AppStatus.SUBMITTED) {
			transition(app, AppStatus.IN_REVIEW, reviewer, "review started");
		}
		apps.setRevisionState(revision.id(), RevisionState.IN_REVIEW, clock.instant());
	}

	/** The reviewer sends the revision back with the changes required. */
	@Transactional
	public void requestChanges(AppId id, String reviewer, String requiredChanges) {
		if (requiredChanges == null || requiredChanges.isBlank()) {
			throw new AppRejectedException("note", "Write down the changes required.");
		}
		App app = lock(id);
		Revision revision = submitted(app, RevisionState.IN_REVIEW);
		if (app.status() == AppStatus.IN_REVIEW) {
			transition(app, AppStatus.CHANGES_REQUESTED, reviewer, requiredChanges);
		}
		apps.setRevisionState(revision.id(), RevisionState.CHANGES_REQUESTED, clock.instant());
		events.publishEvent(new RevisionDecided(app.id(), revision.id(), revision.number(),
				RevisionState.CHANGES_REQUESTED, requiredChanges));
	}

	/** The reviewer approves: the revision goes live, the previous live one is superseded. */
	@Transactional
	public void approve(AppId id, String reviewer, String note) {
		App app = lock(id);
		refuseWhileSuspended(app.organizationId(), "approved");
		Revision revision = submitted(app, RevisionState.IN_REVIEW);
		Instant now = clock.instant();
		if (app.liveRevisionId() != null) {
			apps.setRevisionState(app.liveRevisionId(), RevisionState.SUPERSEDED, now);
		}
		apps.setRevisionState(revision.id(), RevisionState.APPROVED, now);
		apps.setRevisions(app.id(), revision.id(), null);
		String name = revision.content().listing().name();
		if (name != null && !name.isBlank() && !name.strip().equals(app.name())) {
			requireUniqueName(name.strip(), app.id());
			apps.setNameAndType(app.id(), name.strip(), app.appType());
		}
		if (app.status() == AppStatus.IN_REVIEW) {
			transition(app, AppStatus.APPROVED, reviewer, note);
		}
		events.publishEvent(new RevisionDecided(app.id(), revision.id(), revision.number(), RevisionState.APPROVED, note));
	}

	/**
	 * The reviewer rejects the revision: it is withdrawn for good. An app that was never live is
	 * blocked (an operator may later return it to draft); a live app keeps its live revision and the
	 * developer may open a new one.
	 */
	@Transactional
	public void rejectRevision(AppId id, String reviewer, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new AppRejectedException("reason", "Give the reason for the rejection: the developer reads it.");
		}
		App app = lock(id);
		Revision revision = submitted(app, RevisionState.IN_REVIEW);
		Instant now = clock.instant();
		apps.setRevisionState(revision.id(), RevisionState.WITHDRAWN, now);
		apps.setRevisions(app.id(), app.liveRevisionId(), null);
		apps.history(app.id(), now, reviewer, "revision " + revision.number() + " rejected", null, null, reason);
		if (app.liveRevisionId() == null) {
			transition(app, AppStatus.BLOCKED, reviewer, "rejected in review: " + reason);
		}
		events.publishEvent(new RevisionDecided(app.id(), revision.id(), revision.number(), RevisionState.WITHDRAWN,
				reason));
	}

	@Transactional
	public void publish(AppId id, String actor) {
		App app = lock(id);
		refuseWhileSuspended(app.organizationId(), "listed in the marketplace");
		transition(app, AppStatus.PUBLISHED, actor, "listed in the marketplace");
	}

	@Transactional
	public void unpublish(AppId id, String actor, String reason) {
		transition(lock(id), AppStatus.APPROVED, actor, reason == null ? "removed from the marketplace" : reason);
	}

	/** Enforcement and operator moves: suspend, block, reinstate (to approved), retire. */
	@Transactional
	public void changeStatus(AppId id, AppStatus to, String actor, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new AppRejectedException("reason", "Give a reason: it is recorded and shown to the developer.");
		}
		App app = lock(id);
		if (to == AppStatus.APPROVED && app.liveRevisionId() == null) {
			throw new AppRejectedException("status", "This app was never approved; it cannot be reinstated as approved.");
		}
		transition(app, to, actor, reason);
	}

	@Transactional
	public void retire(AppId id, UserId developer) {
		transition(lockForDeveloper(id, developer), AppStatus.RETIRED, developer.toString(), "retired by the developer");
	}

	/**
	 * Least privilege in one step: a new revision equal to the live one without {@code scopes} goes
	 * live at once. Fewer scopes need neither review nor the customers' consent again; tokens issued
	 * from now on no longer carry them. A draft in progress is left as it is.
	 */
	@Transactional
	public Revision dropScopes(AppId id, UserId developer, Set<String> scopes) {
		App app = lockForDeveloper(id, developer);
		if (!app.status().active() && app.status() != AppStatus.SUSPENDED) {
			throw new AppRejectedException("status", "Only a live app's scopes can be dropped this way.");
		}
		Revision live = apps.revision(app.liveRevisionId())
			.orElseThrow(() -> new AppRejectedException("status", "This app has no live revision."));
		Set<String> granted = live.content().scopes().stream().map(RequestedScope::scope).collect(Collectors.toSet());
		Set<String> dropped = scopes == null ? Set.of()
				: scopes.stream().filter(granted::contains).collect(Collectors.toCollection(java.util.TreeSet::new));
		if (dropped.isEmpty()) {
			throw new AppRejectedException("scopes", "Choose at least one scope the live revision has.");
		}
		AppDraft content = live.content();
		AppDraft reduced = new AppDraft(content.appType(), content.listing(), content.redirectUris(), content.webhookUrl(),
				content.scopes().stream().filter(s -> !dropped.contains(s.scope())).toList(), content.dataUse(),
				content.security());
		Instant now = clock.instant();
		UUID revision = UUID.randomUUID();
		int number = apps.nextRevisionNumber(app.id());
		apps.insertRevision(revision, app.id(), number, reduced, live.logoSha256(), now);
		apps.setRevisionState(live.id(), RevisionState.SUPERSEDED, now);
		apps.setRevisionState(revision, RevisionState.APPROVED, now);
		apps.setRevisions(app.id(), revision, app.draftRevisionId());
		apps.history(app.id(), now, developer.toString(), "revision " + number + " live: scopes dropped", null, null,
				String.join(" ", dropped));
		events.publishEvent(new ScopesDropped(app.id(), revision, number, List.copyOf(dropped), developer.toString()));
		return apps.revision(revision).orElseThrow();
	}

	/** How many apps are in each state (every state present). */
	public java.util.Map<AppStatus, Long> countByStatus() {
		var counts = new java.util.EnumMap<AppStatus, Long>(AppStatus.class);
		for (AppStatus status : AppStatus.values()) {
			counts.put(status, 0L);
		}
		counts.putAll(apps.countByStatus());
		return counts;
	}

	/** A new sub-processor is pending until an operator approves it; on a live app it also opens a revision. */
	@Transactional
	public SubProcessor addSubProcessor(AppId id, UserId developer, String name, String purpose, String country,
			List<String> dataCategories) {
		App app = lockForDeveloper(id, developer);
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new AppRejectedException("name", "Name the sub-processor (at most 200 characters).");
		}
		if (purpose == null || purpose.isBlank()) {
			throw new AppRejectedException("purpose", "Say what the sub-processor does with the data.");
		}
		if (country == null || !country.strip().matches("[A-Za-z]{2}")) {
			throw new AppRejectedException("country", "Use the two-letter country code where it processes data (ISO 3166).");
		}
		List<String> categories = dataCategories == null ? List.of()
				: dataCategories.stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
		if (categories.isEmpty()) {
			throw new AppRejectedException("dataCategories", "Name the data categories it receives.");
		}
		var sub = new SubProcessor(UUID.randomUUID(), app.id(), name.strip(), purpose.strip(),
				country.strip().toUpperCase(Locale.ROOT), categories, SubProcessorStatus.PENDING, clock.instant(), null,
				null, null);
		apps.insertSubProcessor(sub);
		if (app.liveRevisionId() != null) {
			editableRevision(app);
		}
		events.publishEvent(new SubProcessorAdded(app.id(), sub.id(), sub.name()));
		return sub;
	}

	@Transactional
	public void decideSubProcessor(UUID subProcessorId, boolean approve, String operator, String note) {
		var sub = apps.subProcessor(subProcessorId).orElseThrow(() -> new NotFoundException("No such sub-processor."));
		if (!approve && (note == null || note.isBlank())) {
			throw new AppRejectedException("note", "Say why the sub-processor is refused.");
		}
		SubProcessorStatus status = approve ? SubProcessorStatus.APPROVED : SubProcessorStatus.REJECTED;
		if (!apps.decideSubProcessor(subProcessorId, status, operator, note, clock.instant())) {
			throw new AppRejectedException("status", "This sub-processor was already decided.");
		}
		apps.history(sub.appId(), clock.instant(), operator, "sub-processor " + sub.name() + " " + status.name().toLowerCase(),
				null, null, note);
		events.publishEvent(new SubProcessorDecided(sub.appId(), subProcessorId, status, note));
	}

	public Optional<App> find(AppId id) {
		return apps.find(id);
	}

	public App require(AppId id) {
		return apps.find(id).orElseThrow(() -> new NotFoundException("No such app."));
	}

	/** The app, if the user belongs to its organization. */
	public App requireForDeveloper(AppId id, UserId developer) {
		App app = require(id);
		requireMember(app.organizationId(), developer);
		return app;
	}

	public List<App> ofOrganization(OrganizationId organization) {
		return apps.ofOrganization(organization);
	}

	public List<App> search(String text, AppStatus status, int limit, int offset) {
		return apps.search(text, status, Math.clamp(limit, 1, 200), Math.max(offset, 0));
	}

	/** Published apps for the marketplace, filtered by text, category and app type. */
	public List<App> published(String text, String category, String appType, int limit, int offset) {
		return apps.published(text, category, appType, Math.clamp(limit, 1, 200), Math.max(offset, 0));
	}

	public Optional<App> bySlug(String slug) {
		return apps.bySlug(slug);
	}

	public Optional<Revision> liveRevision(App app) {
		return apps.revision(app.liveRevisionId());
	}

	public Optional<Revision> draftRevision(App app) {
		return apps.revision(app.draftRevisionId());
	}

	public List<Revision> revisions(AppId id) {
		return apps.revisions(id);
	}

	public List<SubProcessor> subProcessors(AppId id) {
		return apps.subProcessors(id);
	}

	/** What customers are shown: only approved sub-processors. */
	public List<SubProcessor> approvedSubProcessors(AppId id) {
		return apps.subProcessors(id).stream().filter(s -> s.status() == SubProcessorStatus.APPROVED).toList();
	}

	public List<SubProcessor> pendingSubProcessors() {
		return apps.pendingSubProcessors(200);
	}

	public List<HistoryEntry> history(AppId id) {
		return apps.history(id);
	}

	public Set<String> appTypes() {
		return legal.currentPack()
			.map(pack -> pack.appTypes().stream().map(PolicyPack.AppType::id).collect(Collectors.toSet()))
			.orElse(Set.of("app"));
	}

	void attachLogo(Revision revision, String sha256) {
		apps.setRevisionLogo(revision.id(), sha256);
	}

	/** The revision the developer edits: the draft, or a new one copied from the live revision. */
	Revision editableRevision(App app) {
		Optional<Revision> draft = apps.revision(app.draftRevisionId());
		if (draft.isPresent()) {
			RevisionState state = draft.get().state();
			if (state == RevisionState.SUBMITTED || state == RevisionState.IN_REVIEW) {
				throw new AppRejectedException("status", "Revision " + draft.get().number()
						+ " is in review; wait for the decision before changing it.");
			}
			if (state == RevisionState.CHANGES_REQUESTED) {
				apps.setRevisionState(draft.get().id(), RevisionState.DRAFT, clock.instant());
			}
			return draft.get();
		}
		Revision live = apps.revision(app.liveRevisionId()).orElseThrow();
		UUID id = UUID.randomUUID();
		int number = apps.nextRevisionNumber(app.id());
		apps.insertRevision(id, app.id(), number, live.content(), live.logoSha256(), clock.instant());
		apps.setRevisions(app.id(), app.liveRevisionId(), id);
		apps.history(app.id(), clock.instant(), "system", "revision " + number + " opened", null, null,
				"changes to a live app are reviewed before they take effect");
		return apps.revision(id).orElseThrow();
	}

	private void transition(App app, AppStatus to, String actor, String note) {
		if (!app.status().canMoveTo(to)) {
			throw new AppRejectedException("status",
					"An app that is " + label(app.status()) + " cannot become " + label(to) + ".");
		}
		Instant now = clock.instant();
		apps.setStatus(app.id(), to, now);
		apps.history(app.id(), now, actor, "status", app.status(), to, note);
		events.publishEvent(new AppStatusChanged(app.id(), app.status(), to, note));
	}

	private Revision submitted(App app, RevisionState expected) {
		return apps.revision(app.draftRevisionId())
			.filter(r -> r.state() == expected)
			.orElseThrow(() -> new AppRejectedException("status",
					"No revision is " + expected.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "."));
	}

	private App lock(AppId id) {
		return apps.lock(id).orElseThrow(() -> new NotFoundException("No such app."));
	}

	private App lockForDeveloper(AppId id, UserId developer) {
		App app = lock(id);
		requireMember(app.organizationId(), developer);
		return app;
	}

	private void requireNotSuspended(OrganizationId organization) {
		if (suspensions.suspended(organization)) {
			throw new AppRejectedException("status",
					"Your organization is suspended: it cannot create or submit apps until it is reinstated.");
		}
	}

	/**
	 * A developer suspension holds every app of the organization where it is: nothing new goes live or
	 * into the marketplace until enforcement reinstates the organization (which lifts the suspension
	 * before it moves the apps back).
	 */
	private void refuseWhileSuspended(OrganizationId organization, String what) {
		if (suspensions.suspended(organization)) {
			throw new AppRejectedException("status", "The developer organization is suspended: its apps cannot be "
					+ what + " until it is reinstated.");
		}
	}

	private void requireMember(OrganizationId organization, UserId user) {
		if (organizations.roleOf(organization, user).isEmpty()) {
			throw new NotFoundException("No such app or organization.");
		}
	}

	private void requireUniqueName(String name, AppId except) {
		if (apps.nameTaken(name, except)) {
			throw new AppRejectedException("listing.name", "Another app already uses this name.");
		}
	}

	private int minJustification() {
		return legal.currentPack()
			.flatMap(pack -> pack.clauses().stream().flatMap(c -> c.mechanisms().stream())
				.filter(m -> m.id().equals("check.scope-justification") && m.params().get("minLength") instanceof Integer)
				.map(m -> (Integer) m.params().get("minLength"))
				.findFirst())
			.orElse(DEFAULT_MIN_JUSTIFICATION);
	}

	private String uniqueSlug(String name) {
		String base = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		base = base.isEmpty() ? "app" : base;
		String slug = base;
		for (int i = 2; apps.slugTaken(slug); i++) {
			slug = base + "-" + i;
		}
		return slug;
	}

	private static AppDraft withType(AppDraft draft, String type) {
		return new AppDraft(type, draft.listing(), draft.redirectUris(), draft.webhookUrl(), draft.scopes(),
				draft.dataUse(), draft.security());
	}

	private static void check(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw new AppRejectedException(problems);
		}
	}

	static String label(AppStatus status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
