package dev.gatehouse.developers.internal;

import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.web.WebProperties;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/** The developers module's emails. Tokens appear only in these links, never in logs or the audit log. */
@Component
public class DeveloperMail {

	private final Notifications notifications;

	private final WebProperties web;

	DeveloperMail(Notifications notifications, WebProperties web) {
		this.notifications = notifications;
		this.web = web;
	}

	public void verification(UserAccount user, String token) {
		String link = web.link("/signup/verify?token=" + encode(token));
		notifications.email(EmailMessage.of(user.email(), "developers.verification", "Confirm your email address", """
				Hello %s,

				Open this link within 48 hours to confirm your email address and finish signing up:

				%s

				If you did not sign up, ignore this email: the account stays unusable.
				""".formatted(user.displayName(), link)).withRecipient(user.id().value()));
	}

	public void invitation(String email, String organization, MemberRole role, String token) {
		String link = web.link("/invitations/accept?token=" + encode(token));
		notifications.email(EmailMessage.of(email, "developers.invitation", "You are invited to " + organization, """
				Hello,

				You are invited to join %s as %s. Open this link within 14 days to accept:

				%s

				If you do not know this organization, ignore this email.
				""".formatted(organization, role.name().toLowerCase(), link)));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
