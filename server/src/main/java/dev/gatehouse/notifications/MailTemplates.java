package dev.gatehouse.notifications;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders plain-text email templates: {@code src/main/resources/templates/mail/<name>.txt}, in
 * Thymeleaf's TEXT mode ({@code [(${code})]} inserts a value, {@code [# th:each="x : ${list}"]...[/]}
 * repeats). The first line must be {@code Subject: ...}; the body follows after one blank line:
 * <pre>
 * Subject: Your verification code
 *
 * Hello [(${name})],
 * your code is [(${code})].
 * </pre>
 * Then: {@code notifications.email(mailTemplates.message(to, "developers.verification",
 * "developers/verification", Map.of("name", name, "code", code)))}.
 * <p>
 * The engine is private to this class on purpose: a template engine or resolver bean would replace
 * or join Spring Boot's HTML page engine.
 */
@Component
public final class MailTemplates {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*");

	private static final String SUBJECT = "Subject:";

	private final SpringTemplateEngine engine;

	public MailTemplates() {
		var resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(".txt");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateResolver(resolver);
	}

	/**
	 * Renders {@code templates/mail/<name>.txt}.
	 * @param name lower-case path without the suffix, for example {@code developers/verification}
	 * @throws IllegalArgumentException when the name is malformed or the template has no subject line
	 */
	public RenderedMail render(String name, Map<String, ?> model) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A mail template name is lower-case words separated by '/': " + name);
		}
		var context = new Context(Locale.ENGLISH);
		if (model != null) {
			model.forEach(context::setVariable);
		}
		String text = engine.process(name, context).replace("\r\n", "\n");
		int end = text.indexOf('\n');
		String first = end < 0 ? text : text.substring(0, end);
		if (!first.startsWith(SUBJECT)) {
			throw new IllegalArgumentException("Mail template " + name + " must start with a 'Subject:' line");
		}
		String body = end < 0 ? "" : text.substring(end + 1);
		if (body.startsWith("\n")) {
			body = body.substring(1);
		}
		return new RenderedMail(first.substring(SUBJECT.length()).strip(), body);
	}

	/** Renders the template into a plain-text message to {@code to}. */
	public EmailMessage message(String to, String category, String name, Map<String, ?> model) {
		return EmailMessage.of(to, category, render(name, model));
	}

}
