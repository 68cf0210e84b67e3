package dev.gatehouse.gateway.web;

import dev.gatehouse.gateway.GatewayProperties;
import dev.gatehouse.gateway.GatewayRoutes;
import dev.gatehouse.shared.web.InputRejectedException;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The gateway's routes: every operator sees them; admins add, change and remove the stored ones. */
@Controller
class GatewayRoutesController {

	private static final Set<String> FIELDS = Set.of("id", "method", "path", "upstream", "scopes", "dataCategories",
			"subjectPathVariables");

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "*");

	private final GatewayRoutes routes;

	private final GatewayProperties properties;

	GatewayRoutesController(GatewayRoutes routes, GatewayProperties properties) {
		this.routes = routes;
		this.properties = properties;
	}

	@GetMapping("/operator/gateway")
	String list(@RequestParam(required = false) String edit, Model model) {
		var form = edit == null ? new RouteForm() : routes.find(edit).map(RouteForm::of).orElseGet(RouteForm::new);
		return page(form, model);
	}

	@PostMapping("/operator/gateway/routes")
	String save(@ModelAttribute("form") RouteForm form, BindingResult errors, Model model, Principal user,
			RedirectAttributes redirect) {
		try {
			var route = form.toRoute();
			routes.save(route, user.getName());
			redirect.addFlashAttribute("notice", "Saved route " + route.id() + "; every gateway node uses it within two seconds.");
			return "redirect:/operator/gateway";
		}
		catch (IllegalArgumentException ex) {
			errors.reject("rejected", ex.getMessage());
			return page(form, model);
		}
		catch (InputRejectedException ex) {
			for (var violation : ex.violations()) {
				if (FIELDS.contains(violation.field())) {
					errors.rejectValue(violation.field(), "rejected", violation.message());
				}
				else {
					errors.reject("rejected", violation.message());
				}
			}
			return page(form, model);
		}
	}

	@PostMapping("/operator/gateway/routes/remove")
	String remove(@RequestParam(defaultValue = "") String id, Principal user, RedirectAttributes redirect) {
		routes.remove(id, user.getName());
		redirect.addFlashAttribute("notice", "Removed route " + id + ".");
		return "redirect:/operator/gateway";
	}

	private String page(RouteForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("routes", routes.all());
		model.addAttribute("methods", METHODS);
		model.addAttribute("prefix", properties.pathPrefix());
		return "gateway/routes";
	}

}
