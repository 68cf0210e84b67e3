package dev.gatehouse.policy;

import dev.gatehouse.shared.crypto.Sha256;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.policy.PolicyEvents.DocumentAccepted;
import dev.gatehouse.policy.PolicyEvents.DocumentDrafted;
import dev.gatehouse.policy.PolicyEvents.DocumentPublished;
import dev.gatehouse.policy.internal.DocumentRepository;
import dev.gatehouse.policy.internal.DocumentRepository.AcceptedVersion;
import dev.gatehouse.policy.internal.PublicationNotices;
import dev.gatehouse.policy.pack.PackParseResult;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPackParser;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy module's facade: drafting and publishing legal documents, acceptance by
 * organizations, and the policy pack in force.
 */
@Service
public class LegalDocuments {

	static final int MAX_CONTENT = 512 * 1024;

	private final DocumentRepository documents;

	private final DeveloperOrganizations organizations;

	private final PublicationNotices notices;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<UUID, PolicyPack> packs = new ConcurrentHashMap<>();

	LegalDocuments(DocumentRepository documents, DeveloperOrganizations organizations, PublicationNotices notices,
			ApplicationEventPublisher events, Clock clock) {
		this.documents = documents;
		this.organizations = organizations;
		this.notices = notices;
		this.events = events;
		this.clock = clock;
	}

	/** A new draft. The developer policy must be a valid policy pack. */
	@Transactional
	public DocumentVersion draft(DocumentKind kind, String content, String changeSummary, String author) {
		if (content == null || content.isBlank()) {
			throw new PolicyException("content", "Write the document's text.");
		}
		if (content.length() > MAX_CONTENT) {
			throw new PolicyException("content", "The document is longer than 512 KiB.");
		}
		String packId = null;
		String packVersion = null;
		if (kind.isPolicyPack()) {
			PackParseResult result = PolicyPackParser.parse(content);
			if (!result.valid()) {
				throw new PolicyPackInvalidException(result.errors());
			}
			packId = result.pack().id();
			packVersion = result.pack().version();
		}
		int version = documents.nextVersion(kind);
		UUID id = UUID.randomUUID();
		String hash = sha256(content);
		documents.insertDraft(id, kind, version, content, hash, blankToNull(changeSummary), packId, packVersion,
				clock.instant(), author);
		events.publishEvent(new DocumentDrafted(id, kind, version, hash));
		return documents.find(id).orElseThrow();
	}

	@Transactional
	public DocumentVersion publish(UUID versionId, PublishCommand command, String publisher) {
		DocumentVersion draft = version(versionId);
		if (draft.published()) {
			throw new PolicyException("version", "This version is already published.");
		}
		Instant now = clock.instant();
		Instant effective;
		Instant reacceptBy;
		if (command.withNotice()) {
			effective = command.effectiveAt() == null ? now : command.effectiveAt();
			if (effective.isBefore(now.minus(Duration.ofMinutes(1)))) {
				throw new PolicyException("effectiveAt", "With notice, the effective date cannot be in the past.");
			}
			int days = command.reacceptDays() == null ? defaultReacceptDays() : command.reacceptDays();
			if (days < 1 || days > 365) {
				throw new PolicyException("reacceptDays", "Choose between 1 and 365 days.");
			}
			reacceptBy = effective.plus(Duration.ofDays(days));
		}
		else {
			effective = now;
			reacceptBy = now;
		}
		documents.publish(versionId, now, publisher, effective, command.withNotice(), reacceptBy);
		DocumentVersion published = version(versionId);
		events.publishEvent(new DocumentPublished(versionId, draft.kind(), draft.version(), command.withNotice(),
				effective.toString(), reacceptBy.toString()));
		notices.announce(published);
		return published;
	}

	public DocumentVersion version(UUID id) {
		return documents.find(id).orElseThrow(() -> new NotFoundException("No such document version."));
	}

	public List<DocumentVersion> versions(DocumentKind kind) {
		return documents.versions(kind);
	}

	public Optional<DocumentVersion> current(DocumentKind kind) {
		return documents.current(kind, clock.instant());
	}

	/** Published with notice and not yet in effect. */
	public List<DocumentVersion> upcoming(DocumentKind kind) {
		Instant now = clock.instant();
		return documents.versions(kind)
			.stream()
			.filter(v -> v.published() && v.effectiveAt().isAfter(now))
			.toList();
	}

	/** The policy pack in force, from the current developer policy. */
	public Optional<PolicyPack> currentPack() {
		return current(DocumentKind.DEVELOPER_POLICY).map(this::pack);
	}

	public PolicyPack pack(DocumentVersion version) {
		if (!version.kind().isPolicyPack()) {
			throw new IllegalArgumentException(version.label() + " is not a policy pack");
		}
		return packs.computeIfAbsent(version.id(), id -> PolicyPackParser.parse(version.content()).pack());
	}

	public boolean anyPublished() {
		return documents.anyPublished();
	}

	/** Where the organization stands with each document. */
	public List<DocumentStanding> standing(OrganizationId organization) {
		Instant now = clock.instant();
		Map<DocumentKind, AcceptedVersion> accepted = documents.latestAcceptances(organization.value());
		List<DocumentStanding> result = new ArrayList<>();
		for (DocumentKind kind : DocumentKind.values()) {
			DocumentVersion current = documents.current(kind, now).orElse(null);
			AcceptedVersion acceptance = accepted.get(kind);
			Integer acceptedVersion = acceptance == null ? null : acceptance.version();
			Instant acceptedAt = acceptance == null ? null : acceptance.acceptedAt();
			result.add(new DocumentStanding(kind, current, acceptedVersion, acceptedAt, state(current, acceptance, now),
					current == null ? null : current.reacceptBy()));
		}
		return result;
	}

	static StandingState state(DocumentVersion current, AcceptedVersion acceptance, Instant now) {
		if (current == null) {
			return StandingState.NOTHING_PUBLISHED;
		}
		if (acceptance != null && acceptance.version() >= current.version()) {
			return StandingState.ACCEPTED;
		}
		if (Boolean.TRUE.equals(current.withNotice()) && acceptance != null) {
			return now.isBefore(current.reacceptBy()) ? StandingState.REACCEPT_BY_DEADLINE : StandingState.OVERDUE;
		}
		return StandingState.ACCEPTANCE_REQUIRED;
	}

	/** The gate before an app is created or submitted. */
	public void requireGoodStanding(OrganizationId organization) {
		var missing = standing(organization).stream().filter(s -> !s.inGoodStanding()).map(DocumentStanding::kind).toList();
		if (!missing.isEmpty()) {
			throw new LegalAcceptanceRequiredException(missing);
		}
	}

	/** An owner accepts a published version for the organization; the exact text's hash is recorded. */
	@Transactional
	public void accept(OrganizationId organization, UserAccount user, UUID versionId, String ip) {
		if (organizations.roleOf(organization, user.id()).orElse(null) != MemberRole.OWNER) {
			throw new NotFoundException("No such organization, or you are not one of its owners.");
		}
		DocumentVersion version = version(versionId);
		if (!version.published()) {
			throw new PolicyException("version", "Only published versions can be accepted.");
		}
		if (documents.insertAcceptance(versionId, organization.value(), user.id().value(), user.email(),
				version.contentHash(), clock.instant(), ip)) {
			events.publishEvent(new DocumentAccepted(versionId, version.kind(), version.version(), organization.value(),
					user.id().value(), version.contentHash()));
		}
	}

	public List<DocumentRepository.AcceptanceRecord> acceptances(OrganizationId organization) {
		return documents.acceptancesOf(organization.value());
	}

	private int defaultReacceptDays() {
		return currentPack().map(p -> p.deadlines().reacceptanceDays()).orElse(30);
	}

	static String sha256(String content) {
		return Sha256.hex(content);
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
