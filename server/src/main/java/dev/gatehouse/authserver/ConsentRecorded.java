package dev.gatehouse.authserver;

import dev.gatehouse.shared.audit.Audited;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A customer approved an app on Gatehouse's consent screen; the ledger row is the evidence. */
public record ConsentRecorded(UUID recordId, String installationId, String accountId, String appId, List<String> scopes,
		String textSha256, String actor) implements Audited {

	public String action() {
		return "authserver.consent.recorded";
	}

	public String target() {
		return "installation:" + installationId;
	}

	public Map<String, Object> details() {
		return Map.of("record", recordId.toString(), "account", accountId, "app", appId, "scopes", scopes, "textSha256",
				textSha256);
	}

}
