package dev.gatehouse.privacy.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.AppTouch;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.privacy.PrivacyProperties;
import dev.gatehouse.privacy.PrivacyProperties.RecipientRule;
import dev.gatehouse.privacy.RequestKind;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Which apps a request goes to: the installed apps the access log shows touched the subjects,
 * optionally widened to every installed app whose granted scopes reach the data categories; an
 * account closure goes to every installed app.
 */
@Component
public class RecipientSelector {

	private final AccessLog accessLog;

	private final Installations installations;

	private final ScopeCatalogue scopes;

	private final PrivacyProperties properties;

	RecipientSelector(AccessLog accessLog, Installations installations, ScopeCatalogue scopes,
			PrivacyProperties properties) {
		this.accessLog = accessLog;
		this.installations = installations;
		this.scopes = scopes;
		this.properties = properties;
	}

	/** One app to ask, through which installation, and why. */
	public record Selected(Installation installation, String reason) {
	}

	public List<Selected> select(CustomerAccountId account, RequestKind kind, Collection<String> subjectIds, Instant now) {
		Map<UUID, Installation> installed = new LinkedHashMap<>();
		installations.ofAccount(account)
			.stream()
			.filter(Installation::active)
			.forEach(i -> installed.put(i.appId().value(), i));
		Map<UUID, Selected> selected = new LinkedHashMap<>();
		if (kind == RequestKind.ACCOUNT_CLOSURE) {
			installed.values().forEach(i -> selected.put(i.appId().value(), new Selected(i, "installed")));
			return List.copyOf(selected.values());
		}
		Set<String> categories = new HashSet<>();
		Instant from = now.minus(properties.lookback());
		for (String subject : subjectIds) {
			for (AppTouch touch : accessLog.appsTouchingSubject(account.value(), subject, from, now.plusSeconds(1))) {
				categories.addAll(touch.dataCategories());
				Installation installation = installed.get(touch.appId());
				// Only apps still installed: an uninstalled one is asked to redact the whole account anyway.
				if (installation != null) {
					selected.putIfAbsent(touch.appId(), new Selected(installation, "lineage"));
				}
			}
		}
		if (properties.recipients() == RecipientRule.LINEAGE_AND_SCOPES) {
			Map<String, Scope> catalogue = scopes.byName();
			for (Installation installation : installed.values()) {
				if (!selected.containsKey(installation.appId().value())
						&& reaches(installation.scopes(), catalogue, categories)) {
					selected.put(installation.appId().value(), new Selected(installation, "scopes"));
				}
			}
		}
		return List.copyOf(selected.values());
	}

	/** Any granted scope reaching personal data, or the touched categories when the log knows them. */
	private static boolean reaches(Set<String> granted, Map<String, Scope> catalogue, Set<String> categories) {
		return granted.stream()
			.map(catalogue::get)
			.filter(s -> s != null && !s.dataCategories().isEmpty())
			.anyMatch(s -> categories.isEmpty() || s.dataCategories().stream().anyMatch(categories::contains));
	}

}
