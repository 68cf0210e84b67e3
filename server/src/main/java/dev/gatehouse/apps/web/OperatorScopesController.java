package dev.gatehouse.apps.web;

import dev.gatehouse.apps.AppRejectedException;
import dev.gatehouse.apps.FieldProblem;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;

import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The scope catalogue apps request from: compliance and admins define, update and retire scopes. */
@Controller
class OperatorScopesController {

	private static final Set<String> FIELDS = Set.of("name", "description", "tier", "dataCategories");

	private final ScopeCatalogue catalogue;

	OperatorScopesController(ScopeCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping("/operator/scopes")
	String list(@RequestParam(required = false) String edit, Model model) {
		var form = edit == null ? new ScopeForm() : catalogue.find(edit).map(ScopeForm::of).orElseGet(ScopeForm::new);
		return page(form, model);
	}

	@PostMapping("/operator/scopes")
	String define(@ModelAttribute("form") ScopeForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		try {
			var scope = catalogue.define(form.toScope());
			redirect.addFlashAttribute("notice", "Saved " + scope.name() + ".");
			return "redirect:/operator/scopes";
		}
		catch (AppRejectedException ex) {
			for (FieldProblem p : ex.problems()) {
				if (FIELDS.contains(p.field())) {
					errors.rejectValue(p.field(), "rejected", p.message());
				}
				else {
					errors.reject("rejected", p.message());
				}
			}
			return page(form, model);
		}
	}

	@PostMapping("/operator/scopes/retire")
	String retire(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		catalogue.retire(name);
		redirect.addFlashAttribute("notice", "Retired " + name + ": new requests for it are refused.");
		return "redirect:/operator/scopes";
	}

	private String page(ScopeForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("scopes", catalogue.all());
		model.addAttribute("tiers", ScopeTier.values());
		return "apps/operator-scopes";
	}

}
