package dev.gatehouse.identity.web;

import dev.gatehouse.identity.LoginEventQuery;
import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.internal.LoginEventLog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Every login event, filterable by account name, type, address and day range (UTC). */
@Controller
class OperatorLoginEventsController {

	private static final int PAGE = 100;

	private final LoginEventLog loginEvents;

	OperatorLoginEventsController(LoginEventLog loginEvents) {
		this.loginEvents = loginEvents;
	}

	@GetMapping("/operator/login-events")
	String list(@RequestParam(defaultValue = "") String username, @RequestParam(required = false) LoginEventType type,
			@RequestParam(defaultValue = "") String ip,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Instant fromInstant = from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC);
		Instant toInstant = to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		var query = new LoginEventQuery(null, username.isBlank() ? null : username.trim(), type,
				ip.isBlank() ? null : ip.trim(), fromInstant, toInstant, PAGE + 1, Math.max(page, 0) * PAGE);
		model.addAttribute("events", loginEvents.find(query));
		model.addAttribute("types", LoginEventType.values());
		model.addAttribute("filter", new Filter(username, type, ip, from, to));
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE);
		return "identity/operator-login-events";
	}

	record Filter(String username, LoginEventType type, String ip, LocalDate from, LocalDate to) {
	}

}
