package dev.gatehouse.developers;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** The developers module's audited events. */
public final class DeveloperEvents {

	private DeveloperEvents() {
	}

	public record OrganizationCreated(OrganizationId organizationId, String name, UserId owner) implements Audited {
		public String action() { return "developers.organization.created"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("name", name, "owner", owner.toString()); }
	}

	public record MemberInvited(OrganizationId organizationId, UUID invitationId, String email, MemberRole role)
			implements Audited {
		public String action() { return "developers.member.invited"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() {
			return Map.of("invitation", invitationId.toString(), "email", email, "role", role.name());
		}
	}

	public record MemberJoined(OrganizationId organizationId, UserId userId, MemberRole role) implements Audited {
		public String action() { return "developers.member.joined"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("user", userId.toString(), "role", role.name()); }
	}

	public record MemberRemoved(OrganizationId organizationId, UserId userId) implements Audited {
		public String action() { return "developers.member.removed"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("user", userId.toString()); }
	}

	public record PublisherVerified(OrganizationId organizationId, String method, String note) implements Audited {
		public String action() { return "developers.publisher.verified"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("method", method, "note", note == null ? "" : note); }
	}

	public record PublisherVerificationRevoked(OrganizationId organizationId, String note) implements Audited {
		public String action() { return "developers.publisher.verification_revoked"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("note", note); }
	}

	public record DomainCheckFailed(OrganizationId organizationId, String domain, String reason) implements Audited {
		public String action() { return "developers.publisher.domain_check_failed"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() { return Map.of("domain", domain, "reason", reason); }
	}

}
