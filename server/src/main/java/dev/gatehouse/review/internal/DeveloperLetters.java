package dev.gatehouse.review.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.web.WebProperties;

import org.springframework.stereotype.Component;

/**
 * Writes to every member of an app's developer organization, by mail and in the app: decision
 * letters, evidence requests, reminders, missed deadlines. In the caller's transaction, so a
 * letter exists exactly when the decision does.
 */
@Component
public class DeveloperLetters {

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final Notifications notifications;

	private final WebProperties web;

	DeveloperLetters(AppRegistry registry, DeveloperOrganizations organizations, Notifications notifications,
			WebProperties web) {
		this.registry = registry;
		this.organizations = organizations;
		this.notifications = notifications;
		this.web = web;
	}

	/** The developer's review page of the app, where findings, required changes and evidence requests are. */
	public static String reviewPath(AppId app) {
		return "/developer/apps/" + app + "/review";
	}

	public void send(AppId appId, String subject, String body) {
		App app = registry.find(appId).orElse(null);
		if (app == null) {
			return;
		}
		String path = reviewPath(app.id());
		String title = subject + " (" + app.name() + ")";
		String text = body + "\n\nSee it in Gatehouse: " + web.link(path) + "\n";
		for (var member : organizations.members(app.organizationId())) {
			notifications.email(new EmailMessage(member.email(), member.userId().value(), "review", title, text, null));
			notifications.inApp(member.userId().value(), title, firstLine(body), path);
		}
	}

	private static String firstLine(String body) {
		String line = body.lines().findFirst().orElse("");
		return line.length() > 300 ? line.substring(0, 300) : line;
	}

}
