package dev.gatehouse.notifications.web;

import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.notifications.OutboxQuery;
import dev.gatehouse.notifications.OutboxStatus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operators read the mail outbox: what was sent, what failed and why, and, without SMTP, the held
 * emails themselves. Bodies are shown as text, HTML ones included: nothing from an email is rendered.
 * Access is restricted by URL in the central security configuration.
 */
@Controller
@RequestMapping("/operator/outbox")
class OperatorOutboxController {

	private final Notifications notifications;

	private final ObjectProvider<JavaMailSender> mailSender;

	OperatorOutboxController(Notifications notifications, ObjectProvider<JavaMailSender> mailSender) {
		this.notifications = notifications;
		this.mailSender = mailSender;
	}

	@GetMapping
	String list(@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String category,
			@RequestParam(defaultValue = "") String status, Model model) {
		model.addAttribute("to", to);
		model.addAttribute("category", category);
		model.addAttribute("status", status);
		model.addAttribute("statuses", OutboxStatus.values());
		model.addAttribute("smtpConfigured", mailSender.getIfAvailable() != null);
		OutboxStatus wanted = null;
		if (!status.isBlank()) {
			wanted = Arrays.stream(OutboxStatus.values())
				.filter(s -> s.name().equals(status.strip().toUpperCase(Locale.ROOT)))
				.findFirst()
				.orElse(null);
			if (wanted == null) {
				model.addAttribute("filterErrors", Map.of("status", "Status must be one of the listed values."));
				return "notifications/outbox";
			}
		}
		model.addAttribute("filterErrors", Map.of());
		model.addAttribute("messages",
				notifications.outbox(new OutboxQuery(to, category, wanted, OutboxQuery.DEFAULT_LIMIT)));
		return "notifications/outbox";
	}

	@GetMapping("/{id}")
	String message(@PathVariable UUID id, Model model) {
		model.addAttribute("message",
				notifications.message(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "notifications/outbox-message";
	}

}
