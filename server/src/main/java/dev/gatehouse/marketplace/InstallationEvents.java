package dev.gatehouse.marketplace;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.shared.audit.Audited;

import java.util.List;
import java.util.Map;

/** What happens to installations; each is an audit record. */
public final class InstallationEvents {

	private InstallationEvents() {
	}

	/** A customer admin installed an app, or granted an installed app more scopes. */
	public record InstallationGranted(InstallationId installationId, CustomerAccountId accountId, AppId appId,
			List<String> scopes, List<String> added, boolean firstInstall, String actor) implements Audited {

		public String action() {
			return firstInstall ? "marketplace.app.installed" : "marketplace.installation.scopes_granted";
		}

		public String target() {
			return "installation:" + installationId;
		}

		public Map<String, Object> details() {
			return Map.of("account", accountId.toString(), "app", appId.toString(), "scopes", scopes, "added", added);
		}

	}

	/**
	 * An app was uninstalled from an account: every token of the installation is revoked in the
	 * same transaction, by the authorization server that listens for this.
	 */
	public record AppUninstalled(InstallationId installationId, CustomerAccountId accountId, AppId appId,
			String actor) implements Audited {

		public String action() {
			return "marketplace.app.uninstalled";
		}

		public String target() {
			return "installation:" + installationId;
		}

		public Map<String, Object> details() {
			return Map.of("account", accountId.toString(), "app", appId.toString());
		}

	}

}
