package dev.gatehouse.notifications;

import dev.gatehouse.shared.web.InputRejectedException;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An email to send. Build one with {@link #of(String, String, String, String)} (or from a template
 * with {@link MailTemplates#message}) and add the optional parts with the {@code with} methods:
 * <pre>{@code
 * notifications.email(EmailMessage.of(to, "developers.verification", "Your code", text).withRecipient(userId));
 * }</pre>
 *
 * @param to one address, {@code local@domain}, no display name
 * @param recipientUserId the user the address belongs to, when known; {@code null} otherwise
 * @param category dotted lower-case name of the kind of email, for example {@code developers.verification}
 * @param subject one line
 * @param textBody the plain-text body
 * @param htmlBody an HTML alternative, or {@code null}
 */
public record EmailMessage(String to, UUID recipientUserId, String category, String subject, String textBody,
		String htmlBody) {

	static final int MAX_ADDRESS = 254;

	static final int MAX_SUBJECT = 200;

	static final int MAX_BODY = 100_000;

	private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]+@[^\\s@<>()\\[\\],;:\"\\\\]+\\.[^\\s@<>()\\[\\],;:\"\\\\]+");

	private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

	public EmailMessage {
		to = to == null ? null : to.strip();
		if (to == null || to.length() > MAX_ADDRESS || !ADDRESS.matcher(to).matches()) {
			throw new InputRejectedException("to", "must be one email address, like name@example.com");
		}
		if (category == null || category.length() > 100 || !CATEGORY.matcher(category).matches()) {
			throw new InputRejectedException("category", "must be a dotted lower-case name, like developers.verification");
		}
		if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT || hasLineBreak(subject)) {
			throw new InputRejectedException("subject", "must be one line of 1 to " + MAX_SUBJECT + " characters");
		}
		subject = subject.strip();
		if (textBody == null || textBody.length() > MAX_BODY) {
			throw new InputRejectedException("textBody", "must be given, at most " + MAX_BODY + " characters");
		}
		if (htmlBody != null && htmlBody.length() > MAX_BODY) {
			throw new InputRejectedException("htmlBody", "must be at most " + MAX_BODY + " characters");
		}
	}

	/** A plain-text email to an address, with no known recipient user and no HTML part. */
	public static EmailMessage of(String to, String category, String subject, String textBody) {
		return new EmailMessage(to, null, category, subject, textBody, null);
	}

	/** A plain-text email from a rendered template. */
	public static EmailMessage of(String to, String category, RenderedMail mail) {
		return of(to, category, mail.subject(), mail.text());
	}

	public EmailMessage withRecipient(UUID userId) {
		return new EmailMessage(to, userId, category, subject, textBody, htmlBody);
	}

	public EmailMessage withHtml(String html) {
		return new EmailMessage(to, recipientUserId, category, subject, textBody, html);
	}

	private static boolean hasLineBreak(String value) {
		return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
	}

}
