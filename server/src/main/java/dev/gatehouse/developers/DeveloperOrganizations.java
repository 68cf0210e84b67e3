package dev.gatehouse.developers;

import dev.gatehouse.developers.DeveloperEvents.MemberInvited;
import dev.gatehouse.developers.DeveloperEvents.MemberJoined;
import dev.gatehouse.developers.DeveloperEvents.MemberRemoved;
import dev.gatehouse.developers.DeveloperEvents.OrganizationCreated;
import dev.gatehouse.developers.DeveloperEvents.PublisherVerificationRevoked;
import dev.gatehouse.developers.DeveloperEvents.PublisherVerified;
import dev.gatehouse.developers.internal.DeveloperMail;
import dev.gatehouse.developers.internal.OrganizationRepository;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.NewUserCommand;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.crypto.SecretDigester;
import dev.gatehouse.shared.web.NotFoundException;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The developers module's facade: organizations, their members, invitations and verification. */
@Service
public class DeveloperOrganizations {

	static final Duration VERIFICATION_TTL = Duration.ofHours(48);

	static final Duration INVITATION_TTL = Duration.ofDays(14);

	private final OrganizationRepository organizations;

	private final Accounts accounts;

	private final DeveloperMail mail;

	private final SecretDigester digester;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DeveloperOrganizations(OrganizationRepository organizations, Accounts accounts, DeveloperMail mail,
			SecretDigester digester, ApplicationEventPublisher events, Clock clock) {
		this.organizations = organizations;
		this.accounts = accounts;
		this.mail = mail;
		this.digester = digester;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Self-service sign-up: a developer account (unusable until the email is verified), the
	 * organization, its owner membership, and the verification mail.
	 */
	@Transactional
	public OrganizationId signUp(SignUpCommand command) {
		String name = organizationName(command.organizationName());
		UserAccount user = accounts.create(new NewUserCommand(command.email(), command.displayName(),
				UserKind.DEVELOPER, Set.of(Role.DEVELOPER), command.password(), false, false));
		OrganizationId id = create(name, user.id());
		sendVerification(user);
		return id;
	}

	/** An organization created for an existing developer (by seeding or by an operator). */
	@Transactional
	public OrganizationId createFor(String organizationName, UserId owner) {
		return create(organizationName(organizationName), owner);
	}

	@Transactional
	public void resendVerification(String email) {
		accounts.findByEmail(email).filter(user -> !user.emailVerified()).ifPresent(this::sendVerification);
	}

	/** Opens a verification link; returns false for an unknown, used or expired token. */
	@Transactional
	public boolean verifyEmail(String token) {
		if (token == null || token.isBlank()) {
			return false;
		}
		return organizations.consumeEmailVerification(digester.digest(token), clock.instant()).map(userId -> {
			accounts.markEmailVerified(userId);
			return true;
		}).orElse(false);
	}

	public Optional<Organization> find(OrganizationId id) {
		return organizations.find(id);
	}

	public List<Organization> search(String text, int limit, int offset) {
		return organizations.all(text, Math.clamp(limit, 1, 200), Math.max(offset, 0));
	}

	public List<OrganizationId> allIds() {
		return organizations.allIds();
	}

	public List<Membership> membershipsOf(UserId user) {
		return organizations.memberships(user)
			.stream()
			.flatMap(row -> organizations.find(row.organizationId()).map(org -> new Membership(org, row.role())).stream())
			.toList();
	}

	public Optional<MemberRole> roleOf(OrganizationId org, UserId user) {
		return organizations.role(org, user);
	}

	public List<Member> members(OrganizationId org) {
		return organizations.members(org)
			.stream()
			.flatMap(row -> accounts.find(row.userId())
				.map(u -> new Member(org, u.id(), u.email(), u.displayName(), row.role(), row.joinedAt()))
				.stream())
			.toList();
	}

	public List<Invitation> invitations(OrganizationId org) {
		return organizations.invitations(org);
	}

	/** An owner invites someone by email; the link in the mail is the only copy of the token. */
	@Transactional
	public Invitation invite(OrganizationId org, UserId inviter, String email, MemberRole role) {
		requireOwner(org, inviter);
		String address = email == null ? "" : email.trim();
		if (!address.matches("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}$")) {
			throw new DevelopersException("email", "Enter a valid email address.");
		}
		if (role == null) {
			throw new DevelopersException("role", "Choose a role.");
		}
		boolean alreadyMember = accounts.findByEmail(address)
			.flatMap(user -> organizations.role(org, user.id()))
			.isPresent();
		if (alreadyMember) {
			throw new DevelopersException("email", "This person is already a member.");
		}
		Organization organization = organizations.find(org).orElseThrow(() -> new NotFoundException("No such organization."));
		String token = RandomTokens.urlSafe(32);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		organizations.insertInvitation(id, org, address, role, digester.digest(token), inviter, now, now.plus(INVITATION_TTL));
		mail.invitation(address, organization.name(), role, token);
		events.publishEvent(new MemberInvited(org, id, address, role));
		return organizations.invitations(org).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
	}

	public Optional<Invitation> invitationByToken(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		return organizations.invitationByToken(digester.digest(token));
	}

	/** A logged-in user accepts an invitation sent to their own address. */
	@Transactional
	public OrganizationId acceptInvitation(String token, UserId user) {
		Invitation invitation = pendingInvitation(token);
		UserAccount account = accounts.find(user).orElseThrow(() -> new NotFoundException("No such user."));
		if (!account.email().equalsIgnoreCase(invitation.email())) {
			throw new DevelopersException("token", "This invitation was sent to another address.");
		}
		if (account.kind() != UserKind.DEVELOPER) {
			throw new DevelopersException("token", "Only developer accounts can join an organization.");
		}
		join(invitation, user);
		return invitation.organizationId();
	}

	/** Someone without an account accepts: the account is created, its email proven by the link. */
	@Transactional
	public OrganizationId acceptInvitationWithNewAccount(String token, String displayName, String password) {
		Invitation invitation = pendingInvitation(token);
		if (accounts.findByEmail(invitation.email()).isPresent()) {
			throw new DevelopersException("token", "An account with this address exists: log in to accept.");
		}
		UserAccount user = accounts.create(new NewUserCommand(invitation.email(), displayName, UserKind.DEVELOPER,
				Set.of(Role.DEVELOPER), password, false, true));
		join(invitation, user.id());
		return invitation.organizationId();
	}

	@Transactional
	public void revokeInvitation(OrganizationId org, UserId owner, UUID invitationId) {
		requireOwner(org, owner);
		if (!organizations.revokeInvitation(org, invitationId, clock.instant())) {
			throw new NotFoundException("No pending invitation with that id.");
		}
	}

	/** Owners remove members; an organization always keeps at least one owner. */
	@Transactional
	public void removeMember(OrganizationId org, UserId owner, UserId member) {
		requireOwner(org, owner);
		MemberRole role = organizations.role(org, member).orElseThrow(() -> new NotFoundException("Not a member."));
		if (role == MemberRole.OWNER && organizations.owners(org) <= 1) {
			throw new DevelopersException("member", "An organization needs at least one owner.");
		}
		organizations.removeMember(org, member);
		events.publishEvent(new MemberRemoved(org, member));
	}

	/** An operator verifies the publisher by hand, with the reason on record. */
	@Transactional
	public void verifyManually(OrganizationId org, String operator, String reason) {
		require(org);
		if (reason == null || reason.isBlank()) {
			throw new DevelopersException("reason", "Record why the publisher is verified.");
		}
		organizations.setVerification(org, true, "MANUAL", clock.instant(), operator, reason.strip());
		events.publishEvent(new PublisherVerified(org, "MANUAL", reason.strip()));
	}

	@Transactional
	public void revokeVerification(OrganizationId org, String reason) {
		require(org);
		if (reason == null || reason.isBlank()) {
			throw new DevelopersException("reason", "Record why the verification is withdrawn.");
		}
		organizations.setVerification(org, false, null, null, null, reason.strip());
		events.publishEvent(new PublisherVerificationRevoked(org, reason.strip()));
	}

	void requireOwner(OrganizationId org, UserId user) {
		if (organizations.role(org, user).orElse(null) != MemberRole.OWNER) {
			throw new NotFoundException("No such organization, or you are not one of its owners.");
		}
	}

	Organization require(OrganizationId org) {
		return organizations.find(org).orElseThrow(() -> new NotFoundException("No such organization."));
	}

	private OrganizationId create(String name, UserId owner) {
		OrganizationId id = OrganizationId.random();
		organizations.insert(id, name, uniqueSlug(name), clock.instant());
		organizations.addMember(id, owner, MemberRole.OWNER, clock.instant());
		events.publishEvent(new OrganizationCreated(id, name, owner));
		events.publishEvent(new MemberJoined(id, owner, MemberRole.OWNER));
		return id;
	}

	private void join(Invitation invitation, UserId user) {
		if (!organizations.markInvitationAccepted(invitation.id(), user, clock.instant())) {
			throw new DevelopersException("token", "This invitation is no longer valid.");
		}
		organizations.addMember(invitation.organizationId(), user, invitation.role(), clock.instant());
		events.publishEvent(new MemberJoined(invitation.organizationId(), user, invitation.role()));
	}

	private Invitation pendingInvitation(String token) {
		return invitationByToken(token).filter(i -> i.pending(clock.instant()))
			.orElseThrow(() -> new DevelopersException("token", "This invitation is unknown, used, revoked or expired."));
	}

	private void sendVerification(UserAccount user) {
		String token = RandomTokens.urlSafe(32);
		Instant now = clock.instant();
		organizations.insertEmailVerification(digester.digest(token), user.id(), now, now.plus(VERIFICATION_TTL));
		mail.verification(user, token);
	}

	private String organizationName(String raw) {
		String name = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
		if (name.length() < 2 || name.length() > 100) {
			throw new DevelopersException("organizationName", "Use 2 to 100 characters.");
		}
		if (organizations.nameTaken(name)) {
			throw new DevelopersException("organizationName", "An organization with this name exists.");
		}
		return name;
	}

	private String uniqueSlug(String name) {
		String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-|-$)", "");
		if (base.isEmpty()) {
			base = "org";
		}
		String slug = base;
		for (int i = 2; organizations.slugTaken(slug); i++) {
			slug = base + "-" + i;
		}
		return slug;
	}

}
