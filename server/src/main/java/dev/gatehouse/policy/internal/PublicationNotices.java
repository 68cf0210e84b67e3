package dev.gatehouse.policy.internal;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.policy.DocumentVersion;
import dev.gatehouse.shared.web.WebProperties;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Tells every developer organization's members about a version published with notice: by email and
 * in their inbox, with the effective date and the re-acceptance deadline. Mail goes through the
 * durable outbox in the publishing transaction.
 */
@Component
public class PublicationNotices {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final DeveloperOrganizations organizations;

	private final Notifications notifications;

	private final WebProperties web;

	PublicationNotices(DeveloperOrganizations organizations, Notifications notifications, WebProperties web) {
		this.organizations = organizations;
		this.notifications = notifications;
		this.web = web;
	}

	public void announce(DocumentVersion version) {
		if (!Boolean.TRUE.equals(version.withNotice())) {
			return;
		}
		String title = version.label() + " published";
		String body = """
				A new version of the %s takes effect on %s. Review what changed and accept it for your \
				organization by %s.%s""".formatted(version.kind().title(), DATE.format(version.effectiveAt()),
				DATE.format(version.reacceptBy()),
				version.changeSummary() == null ? "" : "\n\nWhat changed: " + version.changeSummary());
		for (var organization : organizations.allIds()) {
			for (var member : organizations.members(organization)) {
				notifications.inApp(member.userId().value(), title, body, "/developer/legal");
				notifications.email(EmailMessage.of(member.email(), "policy.publication", title,
						"Hello " + member.displayName() + ",\n\n" + body + "\n\nReview and accept: "
								+ web.link("/developer/legal") + "\n")
					.withRecipient(member.userId().value()));
			}
		}
	}

}
