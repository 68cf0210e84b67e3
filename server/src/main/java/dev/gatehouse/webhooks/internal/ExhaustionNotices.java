package dev.gatehouse.webhooks.internal;

import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.web.WebProperties;
import dev.gatehouse.webhooks.WebhookEvents.DeliveryExhausted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the app's developers, by mail and in the app, that a delivery ran out of retries. */
@Component
class ExhaustionNotices {

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final Notifications notifications;

	private final WebProperties web;

	ExhaustionNotices(AppRegistry registry, DeveloperOrganizations organizations, Notifications notifications,
			WebProperties web) {
		this.registry = registry;
		this.organizations = organizations;
		this.notifications = notifications;
		this.web = web;
	}

	@EventListener
	void on(DeliveryExhausted exhausted) {
		registry.find(exhausted.appId()).ifPresent(app -> {
			String path = "/developer/apps/" + app.id() + "/webhooks";
			String subject = "Webhook not delivered: " + exhausted.eventType() + " for " + app.name();
			String text = """
					Gatehouse could not deliver the webhook %s (%s) to %s after %d attempts over about three days.

					Your endpoint's health is lowered until a delivery succeeds. Events about privacy requests must be
					answered within the developer policy's deadlines: fix the endpoint, then redeliver from
					%s
					""".formatted(exhausted.eventType(), exhausted.deliveryId(), app.name(), exhausted.attempts(),
					web.link(path));
			for (var member : organizations.members(app.organizationId())) {
				notifications.email(new EmailMessage(member.email(), member.userId().value(), "webhooks", subject, text, null));
				notifications.inApp(member.userId().value(), subject,
						"Delivery " + exhausted.deliveryId() + " ran out of retries. Fix the endpoint and redeliver.", path);
			}
		});
	}

}
