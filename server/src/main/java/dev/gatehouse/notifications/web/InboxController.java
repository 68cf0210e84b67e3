package dev.gatehouse.notifications.web;

import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.security.UserPrincipal;

import jakarta.servlet.http.HttpServletResponse;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The viewer's in-app notifications. Marking one read works as a plain form post (redirect back) and,
 * with htmx, swaps just that item and tells the page ({@code HX-Trigger: inbox-changed}) so the
 * unread counter in the navigation refreshes itself.
 */
@Controller
@RequestMapping("/inbox")
class InboxController {

	static final int PAGE_SIZE = 50;

	static final String CHANGED_EVENT = "inbox-changed";

	private final Notifications notifications;

	InboxController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	String page(@AuthenticationPrincipal UserPrincipal user, Model model) {
		UUID userId = userId(user);
		model.addAttribute("items", notifications.inbox(userId, PAGE_SIZE));
		model.addAttribute("unread", notifications.unreadCount(userId));
		return "notifications/inbox";
	}

	/** The unread counter, as a fragment for the navigation. */
	@GetMapping("/count")
	String count(@AuthenticationPrincipal UserPrincipal user, Model model) {
		model.addAttribute("unread", notifications.unreadCount(userId(user)));
		return "notifications/inbox-count :: count";
	}

	@PostMapping("/{id}/read")
	String markRead(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			HttpServletResponse response) {
		UUID userId = userId(user);
		if (!notifications.markRead(userId, id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if ("true".equals(htmx)) {
			model.addAttribute("item", notifications.inboxItem(userId, id).orElseThrow());
			response.setHeader("HX-Trigger", CHANGED_EVENT);
			return "notifications/inbox-item :: item";
		}
		return "redirect:/inbox";
	}

	@PostMapping("/read-all")
	String markAllRead(@AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		int marked = notifications.markAllRead(userId(user));
		redirect.addFlashAttribute("notice", marked == 1 ? "1 notification marked read." : marked + " notifications marked read.");
		return "redirect:/inbox";
	}

	/** The security rules let only complete logins here; anything else has no inbox. */
	private static UUID userId(UserPrincipal user) {
		if (user == null) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return user.userUuid();
	}

}
