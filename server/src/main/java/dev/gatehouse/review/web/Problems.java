package dev.gatehouse.review.web;

import dev.gatehouse.shared.web.InputRejectedException;

import java.util.List;
import java.util.Map;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs a form's action and redirects back: on success with a notice, on refusal with the problems
 * and what the user typed (flash attributes), so the page shows both and nothing typed is lost.
 */
final class Problems {

	private Problems() {
	}

	static String run(RedirectAttributes redirect, String back, String form, Map<String, String> typed, String notice,
			Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (InputRejectedException ex) {
			refuse(redirect, form, typed, ex.violations().stream().map(InputRejectedException.Violation::message).toList());
		}
		return "redirect:" + back;
	}

	private static void refuse(RedirectAttributes redirect, String form, Map<String, String> typed, List<String> messages) {
		redirect.addFlashAttribute("failedForm", form);
		redirect.addFlashAttribute("problems", messages);
		redirect.addFlashAttribute("typed", typed);
	}

}
