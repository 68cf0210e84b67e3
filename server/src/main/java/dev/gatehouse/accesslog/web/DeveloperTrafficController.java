package dev.gatehouse.accesslog.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;

import java.time.Clock;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A developer sees their app's API traffic; only members of the app's organization may. */
@Controller
class DeveloperTrafficController {

	private final AccessLog accessLog;

	private final AppRegistry registry;

	private final Clock clock;

	DeveloperTrafficController(AccessLog accessLog, AppRegistry registry, Clock clock) {
		this.accessLog = accessLog;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/developer/apps/{id}/traffic")
	String traffic(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "24h") String window, Model model) {
		App app = registry.requireForDeveloper(id, new UserId(user.userUuid()));
		TrafficView.fill(model, accessLog, app.id().value(), TrafficWindow.parse(window), clock.instant());
		model.addAttribute("app", app);
		return "accesslog/developer-traffic";
	}

}
