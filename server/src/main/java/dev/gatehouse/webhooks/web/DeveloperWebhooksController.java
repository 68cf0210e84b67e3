package dev.gatehouse.webhooks.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.webhooks.Webhooks;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A developer's view of their app's webhook endpoint: health, the delivery log with every attempt,
 * a test event, redelivery, disable and enable. Only members of the app's organization.
 */
@Controller
class DeveloperWebhooksController {

	private static final int LOG_SIZE = 50;

	private final Webhooks webhooks;

	private final AppRegistry registry;

	DeveloperWebhooksController(Webhooks webhooks, AppRegistry registry) {
		this.webhooks = webhooks;
		this.registry = registry;
	}

	@GetMapping("/developer/apps/{id}/webhooks")
	String page(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		App app = app(user, id);
		var deliveries = webhooks.deliveries(app.id(), LOG_SIZE);
		var attempts = new LinkedHashMap<String, List<dev.gatehouse.webhooks.WebhookAttempt>>();
		deliveries.forEach(d -> attempts.put(d.id(), webhooks.attempts(app.id(), d.id())));
		model.addAttribute("app", app);
		model.addAttribute("endpoint", webhooks.endpoint(app.id()));
		model.addAttribute("deliveries", deliveries);
		model.addAttribute("attempts", attempts);
		return "webhooks/developer-webhooks";
	}

	@PostMapping("/developer/apps/{id}/webhooks/test")
	String test(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		App app = app(user, id);
		String message = webhooks.sendTest(app.id(), user.email());
		redirect.addFlashAttribute("notice", "Queued test event " + message + "; it goes out within seconds.");
		return back(app);
	}

	@PostMapping("/developer/apps/{id}/webhooks/deliveries/{delivery}/redeliver")
	String redeliver(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, @PathVariable String delivery,
			RedirectAttributes redirect) {
		App app = app(user, id);
		try {
			webhooks.redeliver(app.id(), delivery, user.email());
			redirect.addFlashAttribute("notice", "Delivery " + delivery + " goes out again within seconds.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return back(app);
	}

	@PostMapping("/developer/apps/{id}/webhooks/disable")
	String disable(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		App app = app(user, id);
		webhooks.disable(app.id(), "Disabled by " + user.email() + ".", user.email());
		redirect.addFlashAttribute("notice", "Disabled: deliveries wait until you enable the endpoint again.");
		return back(app);
	}

	@PostMapping("/developer/apps/{id}/webhooks/enable")
	String enable(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		App app = app(user, id);
		webhooks.enable(app.id(), user.email());
		redirect.addFlashAttribute("notice", "Enabled: waiting deliveries go out now.");
		return back(app);
	}

	private App app(UserPrincipal user, AppId id) {
		return registry.requireForDeveloper(id, new UserId(user.userUuid()));
	}

	private static String back(App app) {
		return "redirect:/developer/apps/" + app.id() + "/webhooks";
	}

}
