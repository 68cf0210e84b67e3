package dev.gatehouse.policy;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** The policy module's audited events. */
public final class PolicyEvents {

	private PolicyEvents() {
	}

	public record DocumentDrafted(UUID versionId, DocumentKind kind, int version, String contentHash) implements Audited {
		public String action() { return "policy.document.drafted"; }
		public String target() { return "document_version:" + versionId; }
		public Map<String, Object> details() {
			return Map.of("kind", kind.slug(), "version", version, "contentHash", contentHash);
		}
	}

	public record DocumentPublished(UUID versionId, DocumentKind kind, int version, boolean withNotice,
			String effectiveAt, String reacceptBy) implements Audited {
		public String action() { return "policy.document.published"; }
		public String target() { return "document_version:" + versionId; }
		public Map<String, Object> details() {
			return Map.of("kind", kind.slug(), "version", version, "withNotice", withNotice, "effectiveAt", effectiveAt,
					"reacceptBy", reacceptBy);
		}
	}

	public record DocumentAccepted(UUID versionId, DocumentKind kind, int version, UUID organizationId, UUID userId,
			String contentHash) implements Audited {
		public String action() { return "policy.document.accepted"; }
		public String target() { return "organization:" + organizationId; }
		public Map<String, Object> details() {
			return Map.of("kind", kind.slug(), "version", version, "versionId", versionId.toString(), "user",
					userId.toString(), "contentHash", contentHash);
		}
	}

}
