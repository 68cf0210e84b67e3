package dev.gatehouse.incidents.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentId;
import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.incidents.IntakeCommand;
import dev.gatehouse.incidents.Reporter;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A developer organization's incidents: the self-report form (the organization's apps) and the
 * incidents about its apps with their clocks and how far the notification got. Members only; anyone
 * else gets the 404 a missing organization gets.
 */
@Controller
class DeveloperIncidentsController {

	private final Incidents incidents;

	private final DeveloperOrganizations organizations;

	private final AppRegistry registry;

	private final Clock clock;

	DeveloperIncidentsController(Incidents incidents, DeveloperOrganizations organizations, AppRegistry registry,
			Clock clock) {
		this.incidents = incidents;
		this.organizations = organizations;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/developer/orgs/{orgId}/incidents")
	String page(@PathVariable UUID orgId, @AuthenticationPrincipal UserPrincipal user, Model model) {
		Organization org = member(orgId, user);
		return render(org, IncidentForm.blank(clock.instant()), Map.of(), model);
	}

	@PostMapping("/developer/orgs/{orgId}/incidents")
	String report(@PathVariable UUID orgId, @ModelAttribute("form") IncidentForm form,
			@AuthenticationPrincipal UserPrincipal user, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Organization org = member(orgId, user);
		Map<String, String> errors = new LinkedHashMap<>();
		IntakeCommand command = form.toCommand(false, errors);
		if (errors.isEmpty()) {
			try {
				Incident opened = incidents.open(command, Reporter.developer(user.userUuid(), user.email()));
				redirect.addFlashAttribute("message", "Reported as " + opened.reference()
						+ ". The platform's team takes it from here; you will see here when customers are notified.");
				return "redirect:/developer/orgs/" + orgId + "/incidents/" + opened.id();
			}
			catch (InputRejectedException ex) {
				Forms.collect(ex, errors);
			}
		}
		response.setStatus(422);
		return render(org, form, errors, model);
	}

	@GetMapping("/developer/orgs/{orgId}/incidents/{id}")
	String detail(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user,
			Model model) {
		Organization org = member(orgId, user);
		Incident incident = incidents.requireForOrganization(org.id(), new IncidentId(id));
		model.addAttribute("org", org);
		model.addAttribute("row", new IncidentRow(incident, incidents.clocks(incident),
				incident.appIds().stream().map(incidents::appName).toList(),
				incidents.currentSnapshot(incident.id()).orElse(null)));
		model.addAttribute("incident", incident);
		model.addAttribute("notifiedAccounts",
				incidents.notices(incident.id()).stream().map(n -> n.accountId()).distinct().count());
		return "incidents/developer-incident";
	}

	private String render(Organization org, IncidentForm form, Map<String, String> errors, Model model) {
		List<App> apps = registry.ofOrganization(org.id());
		model.addAttribute("org", org);
		model.addAttribute("apps", apps);
		model.addAttribute("form", form);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("rows", incidents.ofOrganization(org.id(), 100)
			.stream()
			.map(i -> new IncidentRow(i, incidents.clocks(i), i.appIds().stream().map(incidents::appName).toList(),
					incidents.currentSnapshot(i.id()).orElse(null)))
			.toList());
		return "incidents/developer-incidents";
	}

	private Organization member(UUID orgId, UserPrincipal user) {
		var org = new OrganizationId(orgId);
		if (organizations.roleOf(org, new UserId(user.userUuid())).isEmpty()) {
			throw new NotFoundException("No such organization.");
		}
		return organizations.find(org).orElseThrow(() -> new NotFoundException("No such organization."));
	}

}
