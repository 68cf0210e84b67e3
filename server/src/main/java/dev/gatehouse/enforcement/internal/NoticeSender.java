package dev.gatehouse.enforcement.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Member;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.enforcement.EnforcementEvents.NoticesSent;
import dev.gatehouse.enforcement.Notice;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerMembership;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.web.WebProperties;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells people about enforcement, by mail and in the inbox, and records each notice: the members of
 * the developer organization, and the admins of exactly the customer accounts that have the app
 * installed when it is suspended, blocked or delisted.
 */
@Component
public class NoticeSender {

	private final DeveloperOrganizations organizations;

	private final Installations installations;

	private final CustomerAccounts customers;

	private final Accounts accounts;

	private final AppRegistry registry;

	private final Notifications notifications;

	private final ViolationRepository violations;

	private final WebProperties web;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	NoticeSender(DeveloperOrganizations organizations, Installations installations, CustomerAccounts customers,
			Accounts accounts, AppRegistry registry, Notifications notifications, ViolationRepository violations,
			WebProperties web, ApplicationEventPublisher events, Clock clock) {
		this.organizations = organizations;
		this.installations = installations;
		this.customers = customers;
		this.accounts = accounts;
		this.registry = registry;
		this.notifications = notifications;
		this.violations = violations;
		this.web = web;
		this.events = events;
		this.clock = clock;
	}

	/** To every member of the violation's organization; {@code about} names the step for the audit log. */
	public int toDeveloper(Violation violation, String about, String subject, String body) {
		String path = "/developer/enforcement/violations/" + violation.id();
		String text = body + "\n\nDetails, and the appeal form: " + web.link(path) + "\n";
		int sent = 0;
		for (Member member : organizations.members(new OrganizationId(violation.organizationId()))) {
			send(violation, "developer", member.userId().value(), member.email(), subject, text, path);
			sent++;
		}
		events.publishEvent(new NoticesSent(violation.id(), "developer", sent, about));
		return sent;
	}

	/** To the admins of every customer account with one of {@code apps} installed. */
	public int toInstallers(Violation violation, Collection<String> apps, String what, String consequence) {
		Map<UUID, UserAccount> admins = new LinkedHashMap<>();
		Map<UUID, String> appOf = new LinkedHashMap<>();
		for (String id : apps) {
			App app = registry.require(AppId.of(id));
			for (Installation installation : installations.activeOfApp(app.id())) {
				for (CustomerMembership member : customers.members(installation.accountId())) {
					if (member.role() == CustomerRole.ADMIN) {
						accounts.find(member.userId()).filter(UserAccount::enabled).ifPresent(user -> {
							admins.putIfAbsent(user.id().value(), user);
							appOf.merge(user.id().value(), app.name(), (a, b) -> a.equals(b) ? a : a + ", " + b);
						});
					}
				}
			}
		}
		admins.forEach((userId, user) -> {
			String name = appOf.get(userId);
			String subject = name + " was " + what;
			String text = """
					%s, installed in your customer account, was %s by the platform because it broke the developer policy.
					%s
					""".formatted(name, what, consequence);
			send(violation, "customer", userId, user.email(), subject, text, "/customer-accounts");
		});
		events.publishEvent(new NoticesSent(violation.id(), "customer", admins.size(), what));
		return admins.size();
	}

	private void send(Violation violation, String audience, UUID userId, String email, String subject, String text,
			String link) {
		notifications.email(EmailMessage.of(email, "enforcement." + audience, subject, text).withRecipient(userId));
		notifications.inApp(userId, subject, text.length() > 1000 ? text.substring(0, 1000) : text, link);
		violations.insertNotice(new Notice(UUID.randomUUID(), violation.id(), audience, userId, email, subject, text,
				clock.instant()));
	}

}
