package dev.gatehouse.privacy.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.web.WebProperties;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** Tells an app's developers, by mail and in the app, about a privacy request they must answer. */
@Component
class AppDevelopers {

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final Notifications notifications;

	private final WebProperties web;

	AppDevelopers(AppRegistry registry, DeveloperOrganizations organizations, Notifications notifications,
			WebProperties web) {
		this.registry = registry;
		this.organizations = organizations;
		this.notifications = notifications;
		this.web = web;
	}

	void tell(UUID appId, String subject, String text, String inAppBody) {
		App app = registry.find(new AppId(appId)).orElse(null);
		if (app == null) {
			return;
		}
		String path = "/developer/apps/" + app.id() + "/webhooks";
		String body = text + "\n\nYour webhook deliveries: " + web.link(path) + "\n";
		for (var member : organizations.members(app.organizationId())) {
			notifications.email(new EmailMessage(member.email(), member.userId().value(), "privacy", subject + " (" + app.name()
					+ ")", body, null));
			notifications.inApp(member.userId().value(), subject + " (" + app.name() + ")", inAppBody, path);
		}
	}

}
