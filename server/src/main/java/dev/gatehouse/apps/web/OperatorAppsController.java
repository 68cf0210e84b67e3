package dev.gatehouse.apps.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppRejectedException;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.shared.security.UserPrincipal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators find apps, review their revisions, decide on sub-processors and enforce: every action
 * is a small form; the registry guards the transitions and its refusals are shown on the page.
 */
@Controller
class OperatorAppsController {

	static final int PAGE_SIZE = 50;

	/** The moves an operator makes with a reason; reinstating is a move back to approved. */
	private static final Set<AppStatus> ENFORCEMENT = Set.of(AppStatus.SUSPENDED, AppStatus.BLOCKED, AppStatus.APPROVED,
			AppStatus.RETIRED);

	private final AppRegistry registry;

	private final ScopeCatalogue catalogue;

	private final DeveloperOrganizations organizations;

	OperatorAppsController(AppRegistry registry, ScopeCatalogue catalogue, DeveloperOrganizations organizations) {
		this.registry = registry;
		this.catalogue = catalogue;
		this.organizations = organizations;
	}

	@GetMapping("/operator/apps")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AppStatus filter = Arrays.stream(AppStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
		int current = Math.max(page, 0);
		List<App> apps = registry.search(q, filter, PAGE_SIZE + 1, current * PAGE_SIZE);
		Map<String, String> orgNames = new HashMap<>();
		apps.forEach(a -> orgNames.computeIfAbsent(a.organizationId().toString(),
				k -> organizations.find(a.organizationId()).map(Organization::name).orElse("")));
		model.addAttribute("apps", apps);
		model.addAttribute("orgNames", orgNames);
		model.addAttribute("q", q);
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("statuses", AppStatus.values());
		model.addAttribute("page", current);
		model.addAttribute("pageSize", PAGE_SIZE);
		return "apps/operator-apps";
	}

	@GetMapping("/operator/apps/{id}")
	String detail(@PathVariable AppId id, Model model) {
		App app = registry.require(id);
		model.addAttribute("app", app);
		model.addAttribute("org", organizations.find(app.organizationId()).orElse(null));
		model.addAttribute("revisions", registry.revisions(id));
		model.addAttribute("subProcessors", registry.subProcessors(id));
		model.addAttribute("history", registry.history(id));
		model.addAttribute("catalogue", catalogue.byName());
		model.addAttribute("draft", registry.draftRevision(app).orElse(null));
		boolean live = app.liveRevisionId() != null;
		boolean stopped = app.status() == AppStatus.SUSPENDED || app.status() == AppStatus.BLOCKED;
		model.addAttribute("moves", List.of(new Move(AppStatus.SUSPENDED, "Suspend"), new Move(AppStatus.BLOCKED, "Block"),
				new Move(AppStatus.APPROVED, "Reinstate"), new Move(AppStatus.RETIRED, "Retire"))
			.stream()
			// Reinstating returns a suspended or blocked app to approved, which needs a revision that was approved.
			.filter(m -> app.status().canMoveTo(m.to()) && (m.to() != AppStatus.APPROVED || (live && stopped)))
			.toList());
		return "apps/operator-app";
	}

	@PostMapping("/operator/apps/{id}/decisions/start-review")
	String startReview(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model,
			RedirectAttributes redirect) {
		return decide(id, "start-review", "", model, redirect, "Review started.",
				() -> registry.startReview(id, user.email()));
	}

	@PostMapping("/operator/apps/{id}/decisions/request-changes")
	String requestChanges(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
		return decide(id, "request-changes", note, model, redirect, "Changes requested; the developer is told.",
				() -> registry.requestChanges(id, user.email(), note));
	}

	@PostMapping("/operator/apps/{id}/decisions/approve")
	String approve(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
		return decide(id, "approve", note, model, redirect, "Approved: the revision is live.",
				() -> registry.approve(id, user.email(), note.isBlank() ? null : note.strip()));
	}

	@PostMapping("/operator/apps/{id}/decisions/status")
	String changeStatus(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect) {
		AppStatus target = ENFORCEMENT.stream().filter(s -> s.name().equals(to)).findFirst().orElse(null);
		String action = "status-" + to;
		return decide(id, action, reason, model, redirect, "The app is now " + label(to) + ".", () -> {
			if (target == null) {
				throw new AppRejectedException("to", "Choose suspend, block, reinstate or retire.");
			}
			registry.changeStatus(id, target, user.email(), reason);
		});
	}

	@GetMapping("/operator/subprocessors")
	String subProcessorQueue(Model model) {
		List<SubProcessor> pending = registry.pendingSubProcessors();
		Map<String, App> apps = new HashMap<>();
		pending.forEach(s -> registry.find(s.appId()).ifPresent(a -> apps.put(a.id().toString(), a)));
		model.addAttribute("pending", pending);
		model.addAttribute("apps", apps);
		return "apps/operator-subprocessors";
	}

	@PostMapping("/operator/subprocessors/{subId}/decision")
	String decideSubProcessor(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID subId,
			@RequestParam(defaultValue = "false") boolean approve, @RequestParam(defaultValue = "") String note,
			@RequestParam(required = false) AppId app, RedirectAttributes redirect) {
		try {
			registry.decideSubProcessor(subId, approve, user.email(), note.isBlank() ? null : note.strip());
			redirect.addFlashAttribute("notice", approve ? "Sub-processor approved." : "Sub-processor rejected.");
		}
		catch (AppRejectedException ex) {
			redirect.addFlashAttribute("subError", ex.getMessage());
			redirect.addFlashAttribute("subErrorId", subId.toString());
			redirect.addFlashAttribute("subNote", note);
		}
		return app == null ? "redirect:/operator/subprocessors" : "redirect:/operator/apps/" + app + "#subprocessors";
	}

	private String decide(AppId id, String action, String typed, Model model, RedirectAttributes redirect,
			String notice, Runnable decision) {
		registry.require(id);
		try {
			decision.run();
			redirect.addFlashAttribute("notice", notice);
			return "redirect:/operator/apps/" + id;
		}
		catch (AppRejectedException ex) {
			model.addAttribute("failedAction", action);
			model.addAttribute("actionProblems", ex.problems());
			model.addAttribute("typed", typed);
			return detail(id, model);
		}
	}

	/** An enforcement form: the status it moves the app to and its button. */
	record Move(AppStatus to, String title) {
	}

	private static String label(String status) {
		return "APPROVED".equals(status) ? "reinstated (approved)" : status.toLowerCase().replace('_', ' ');
	}

}
