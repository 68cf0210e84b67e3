package dev.gatehouse.accesslog.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.AppTraffic;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.shared.web.InputRejectedException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Operators watch the traffic of every app, or of one: volume, errors, rate limiting and the busiest routes. */
@Controller
class OperatorTrafficController {

	static final int APPS = 50;

	private final AccessLog accessLog;

	private final AppRegistry registry;

	private final Clock clock;

	OperatorTrafficController(AccessLog accessLog, AppRegistry registry, Clock clock) {
		this.accessLog = accessLog;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/operator/traffic")
	String traffic(@RequestParam(defaultValue = "24h") String window, @RequestParam(defaultValue = "") String app,
			Model model) {
		TrafficWindow chosen = TrafficWindow.parse(window);
		UUID appId = app.isBlank() ? null : appId(app);
		Instant now = clock.instant();
		TrafficView.fill(model, accessLog, appId, chosen, now);
		List<AppTraffic> perApp = accessLog.trafficByApp(chosen.start(now), chosen.end(now), APPS);
		Map<UUID, String> names = new LinkedHashMap<>();
		perApp.stream()
			.map(AppTraffic::appId)
			.filter(id -> id != null)
			.forEach(id -> names.put(id, registry.find(new AppId(id)).map(App::name).orElse(id.toString())));
		if (appId != null) {
			names.putIfAbsent(appId, registry.require(new AppId(appId)).name());
		}
		model.addAttribute("perApp", perApp);
		model.addAttribute("names", names);
		model.addAttribute("app", appId);
		model.addAttribute("appName", appId == null ? null : names.get(appId));
		return "accesslog/operator-traffic";
	}

	private static UUID appId(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InputRejectedException("app", "Not an app id.");
		}
	}

}
