package dev.gatehouse.apps.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCategories;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppRejectedException;
import dev.gatehouse.apps.FieldProblem;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.internal.AppRules;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.LegalAcceptanceRequiredException;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A developer's apps: create, edit the draft, submit for review, publish, retire, declare sub-processors. */
@Controller
class DeveloperAppsController {

	private final AppRegistry registry;

	private final ScopeCatalogue catalogue;

	private final DeveloperOrganizations organizations;

	DeveloperAppsController(AppRegistry registry, ScopeCatalogue catalogue, DeveloperOrganizations organizations) {
		this.registry = registry;
		this.catalogue = catalogue;
		this.organizations = organizations;
	}

	@GetMapping("/developer/orgs/{orgId}/apps")
	String list(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId orgId, Model model) {
		requireMember(orgId, user);
		model.addAttribute("org", organizations.find(orgId).orElseThrow());
		model.addAttribute("apps", registry.ofOrganization(orgId));
		return "apps/developer-apps";
	}

	@GetMapping("/developer/orgs/{orgId}/apps/new")
	String newApp(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId orgId, Model model) {
		requireMember(orgId, user);
		var form = new NewAppForm();
		Set<String> types = appTypes();
		form.setAppType(types.contains("app") ? "app" : types.iterator().next());
		return newAppPage(orgId, form, model);
	}

	@PostMapping("/developer/orgs/{orgId}/apps/new")
	String create(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId orgId,
			@ModelAttribute("form") NewAppForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		requireMember(orgId, user);
		try {
			App app = registry.create(orgId, userId(user), form.toDraft());
			redirect.addFlashAttribute("notice", "Created " + app.name() + ". Fill in the rest of the listing, then submit it for review.");
			return "redirect:/developer/apps/" + app.id() + "/edit";
		}
		catch (LegalAcceptanceRequiredException ex) {
			model.addAttribute("legalRequired", ex.getMessage());
		}
		catch (AppRejectedException ex) {
			for (FieldProblem problem : ex.problems()) {
				switch (problem.field()) {
					case "listing.name" -> errors.rejectValue("name", "rejected", problem.message());
					case "appType" -> errors.rejectValue("appType", "rejected", problem.message());
					default -> errors.reject("rejected", problem.message());
				}
			}
		}
		return newAppPage(orgId, form, model);
	}

	@GetMapping("/developer/apps/{id}")
	String overview(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		App app = registry.requireForDeveloper(id, userId(user));
		model.addAttribute("app", app);
		model.addAttribute("org", organizations.find(app.organizationId()).orElseThrow());
		model.addAttribute("live", registry.liveRevision(app).orElse(null));
		Revision draft = registry.draftRevision(app).orElse(null);
		model.addAttribute("draft", draft);
		model.addAttribute("canSubmit", draft != null
				&& (draft.state() == RevisionState.DRAFT || draft.state() == RevisionState.CHANGES_REQUESTED));
		model.addAttribute("subProcessors", registry.subProcessors(id));
		model.addAttribute("history", registry.history(id));
		model.addAttribute("catalogue", catalogue.byName());
		if (!model.containsAttribute("subForm")) {
			model.addAttribute("subForm", new SubProcessorForm());
		}
		return "apps/developer-app";
	}

	@GetMapping("/developer/apps/{id}/edit")
	String edit(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		App app = registry.requireForDeveloper(id, userId(user));
		AppDraft content = registry.draftRevision(app)
			.or(() -> registry.liveRevision(app))
			.map(Revision::content)
			.orElseThrow(() -> new NotFoundException("No revision."));
		AppForm form = AppForm.of(content, catalogue.all());
		if (form.getAppType().isBlank()) {
			form.setAppType(app.appType());
		}
		return editPage(app, form, model);
	}

	@PostMapping("/developer/apps/{id}/edit")
	String save(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, @ModelAttribute("form") AppForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		App app = registry.requireForDeveloper(id, userId(user));
		List<FieldProblem> own = form.problems();
		if (!own.isEmpty()) {
			// Nothing is saved; show the registry's form checks too, so everything can be fixed at once.
			AppProblems.reportFormProblems(own, errors);
			AppProblems.report(AppRules.onSave(form.toDraft(), catalogue.byName(), registry.appTypes()), form, errors);
			return editPage(app, form, model);
		}
		try {
			Revision saved = registry.update(id, userId(user), form.toDraft());
			redirect.addFlashAttribute("notice", "Saved revision " + saved.number() + ".");
			return "redirect:/developer/apps/" + id;
		}
		catch (AppRejectedException ex) {
			AppProblems.report(ex.problems(), form, errors);
			return editPage(app, form, model);
		}
	}

	@PostMapping("/developer/apps/{id}/submit")
	String submit(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		registry.requireForDeveloper(id, userId(user));
		try {
			Revision revision = registry.submit(id, userId(user));
			redirect.addFlashAttribute("notice", "Revision " + revision.number() + " was submitted for review.");
		}
		catch (LegalAcceptanceRequiredException ex) {
			redirect.addFlashAttribute("legalRequired", ex.getMessage());
		}
		catch (AppRejectedException ex) {
			redirect.addFlashAttribute("submitProblems", ShownProblem.of(ex.problems()));
		}
		return "redirect:/developer/apps/" + id;
	}

	@PostMapping("/developer/apps/{id}/publish")
	String publish(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		registry.requireForDeveloper(id, userId(user));
		try {
			registry.publish(id, userId(user).toString());
			redirect.addFlashAttribute("notice", "The app is listed in the marketplace.");
		}
		catch (AppRejectedException ex) {
			redirect.addFlashAttribute("publishError", ex.getMessage());
		}
		return "redirect:/developer/apps/" + id;
	}

	@PostMapping("/developer/apps/{id}/retire")
	String retire(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes redirect) {
		registry.requireForDeveloper(id, userId(user));
		if (!confirm) {
			redirect.addFlashAttribute("retireError", "Tick the box to confirm: a retired app cannot come back.");
			return "redirect:/developer/apps/" + id + "#retire";
		}
		try {
			registry.retire(id, userId(user));
			redirect.addFlashAttribute("notice", "The app is retired.");
		}
		catch (AppRejectedException ex) {
			redirect.addFlashAttribute("retireError", ex.getMessage());
		}
		return "redirect:/developer/apps/" + id;
	}

	@PostMapping("/developer/apps/{id}/subprocessors")
	String addSubProcessor(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@ModelAttribute SubProcessorForm form, RedirectAttributes redirect) {
		registry.requireForDeveloper(id, userId(user));
		try {
			var added = registry.addSubProcessor(id, userId(user), form.getName(), form.getPurpose(), form.getCountry(),
					AppForm.commaSeparated(form.getDataCategories()));
			redirect.addFlashAttribute("notice", added.name() + " was added; it is pending until an operator approves it.");
		}
		catch (AppRejectedException ex) {
			var subErrors = new HashMap<String, String>();
			ex.problems().forEach(p -> subErrors.putIfAbsent(p.field(), p.message()));
			redirect.addFlashAttribute("subErrors", subErrors);
			redirect.addFlashAttribute("subForm", form);
		}
		return "redirect:/developer/apps/" + id + "#subprocessors";
	}

	private String newAppPage(OrganizationId orgId, NewAppForm form, Model model) {
		model.addAttribute("org", organizations.find(orgId).orElseThrow());
		model.addAttribute("form", form);
		model.addAttribute("appTypes", appTypes());
		return "apps/developer-new";
	}

	private String editPage(App app, AppForm form, Model model) {
		model.addAttribute("app", app);
		model.addAttribute("form", form);
		model.addAttribute("appTypes", appTypes());
		model.addAttribute("categories", AppCategories.ALL);
		model.addAttribute("lawfulBases", LawfulBasis.values());
		model.addAttribute("catalogue", catalogue.byName());
		model.addAttribute("inReview", registry.draftRevision(app)
			.filter(r -> r.state() == RevisionState.SUBMITTED || r.state() == RevisionState.IN_REVIEW)
			.isPresent());
		return "apps/developer-edit";
	}

	private Set<String> appTypes() {
		return new TreeSet<>(registry.appTypes());
	}

	private void requireMember(OrganizationId org, UserPrincipal user) {
		organizations.roleOf(org, userId(user)).orElseThrow(() -> new NotFoundException("No such organization."));
	}

	private static UserId userId(UserPrincipal user) {
		return new UserId(user.userUuid());
	}

}
