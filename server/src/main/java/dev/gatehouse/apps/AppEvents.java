package dev.gatehouse.apps;

import dev.gatehouse.shared.audit.Audited;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The registry's events; each is recorded in the audit log. */
public final class AppEvents {

	private AppEvents() {
	}

	public record AppCreated(AppId appId, UUID organizationId, String name) implements Audited {
		public String action() { return "apps.app.created"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("organization", organizationId.toString(), "name", name); }
	}

	public record RevisionSaved(AppId appId, UUID revisionId, int number) implements Audited {
		public String action() { return "apps.revision.saved"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("revision", revisionId.toString(), "number", number); }
	}

	public record RevisionSubmitted(AppId appId, UUID revisionId, int number) implements Audited {
		public String action() { return "apps.revision.submitted"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("revision", revisionId.toString(), "number", number); }
	}

	public record RevisionDecided(AppId appId, UUID revisionId, int number, RevisionState state, String note)
			implements Audited {
		public String action() { return "apps.revision." + state.name().toLowerCase(); }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("revision", revisionId.toString());
			details.put("number", number);
			details.put("note", note == null ? "" : note);
			return details;
		}
	}

	/** Scopes taken off the live revision in one step (no review, no re-consent: fewer scopes). */
	public record ScopesDropped(AppId appId, UUID revisionId, int number, List<String> scopes, String actor)
			implements Audited {
		public ScopesDropped { scopes = List.copyOf(scopes); }
		public String action() { return "apps.scopes.dropped"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() {
			return Map.of("revision", revisionId.toString(), "number", number, "scopes", scopes);
		}
	}

	public record AppStatusChanged(AppId appId, AppStatus from, AppStatus to, String reason) implements Audited {
		public String action() { return "apps.app.status_changed"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() {
			return Map.of("from", from.name(), "to", to.name(), "reason", reason == null ? "" : reason);
		}
	}

	public record SubProcessorAdded(AppId appId, UUID subProcessorId, String name) implements Audited {
		public String action() { return "apps.subprocessor.added"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("subProcessor", subProcessorId.toString(), "name", name); }
	}

	public record SubProcessorDecided(AppId appId, UUID subProcessorId, SubProcessorStatus status, String note)
			implements Audited {
		public String action() { return "apps.subprocessor." + status.name().toLowerCase(); }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() {
			return Map.of("subProcessor", subProcessorId.toString(), "note", note == null ? "" : note);
		}
	}

	public record ClientSecretIssued(AppId appId, String clientId, String prefix) implements Audited {
		public String action() { return "apps.client_secret.issued"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("clientId", clientId, "prefix", prefix); }
	}

	public record ScopeDefined(String scope, ScopeTier tier) implements Audited {
		public String action() { return "apps.scope.defined"; }
		public String target() { return "scope:" + scope; }
		public Map<String, Object> details() { return Map.of("tier", tier.name()); }
	}

	public record ScopeRetired(String scope) implements Audited {
		public String action() { return "apps.scope.retired"; }
		public String target() { return "scope:" + scope; }
	}

	public record LogoUploaded(AppId appId, String sha256) implements Audited {
		public String action() { return "apps.logo.uploaded"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("sha256", sha256); }
	}

}
