package dev.gatehouse.apps.web;

import dev.gatehouse.apps.FieldProblem;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.validation.BindingResult;

/**
 * Puts the registry's problems next to the fields of an {@link AppForm}. The registry names fields
 * of the draft ({@code scopes[0]} is the first requested scope), the form has one row per catalogue
 * scope and data category, so indices are translated; list items typed in a textarea get their
 * problem on the textarea, prefixed with the line. What fits no field becomes a global error.
 */
final class AppProblems {

	private static final Pattern SCOPE = Pattern.compile("scopes\\[(\\d+)]\\.(\\w+)");

	private static final Pattern CATEGORY = Pattern.compile("dataUse\\.categories\\[(\\d+)]\\.(\\w+)");

	private static final Pattern REDIRECT = Pattern.compile("redirectUris\\[(\\d+)]");

	private static final Pattern SENSITIVE = Pattern.compile("dataUse\\.sensitiveCategories\\[(\\d+)]\\.\\w+");

	private AppProblems() {
	}

	/** Problems named by the registry, about the draft made from {@code form}. */
	static void report(List<FieldProblem> problems, AppForm form, BindingResult errors) {
		for (FieldProblem problem : problems) {
			reportOne(problem, form, errors);
		}
	}

	/** Problems already named by form paths (the form's own rules). */
	static void reportFormProblems(List<FieldProblem> problems, BindingResult errors) {
		problems.forEach(p -> errors.rejectValue(p.field(), "rejected", p.message()));
	}

	private static void reportOne(FieldProblem problem, AppForm form, BindingResult errors) {
		String field = problem.field() == null ? "" : problem.field();
		String message = problem.message();
		Matcher m;
		if ((m = SCOPE.matcher(field)).matches()) {
			int row = form.scopeRow(Integer.parseInt(m.group(1)));
			String part = m.group(2).equals("scope") ? "selected" : m.group(2);
			field = row < 0 ? field : "scopes[" + row + "]." + part;
		}
		else if ((m = CATEGORY.matcher(field)).matches()) {
			int row = form.dataUseRow(Integer.parseInt(m.group(1)));
			field = row < 0 ? field : "dataUse.categories[" + row + "]." + m.group(2);
		}
		else if ((m = REDIRECT.matcher(field)).matches()) {
			message = line(AppForm.lines(form.getRedirectUris()), Integer.parseInt(m.group(1))) + message;
			field = "redirectUris";
		}
		else if ((m = SENSITIVE.matcher(field)).matches()) {
			message = line(AppForm.lines(form.getDataUse().getSensitiveCategories()), Integer.parseInt(m.group(1)))
					+ message;
			field = "dataUse.sensitiveCategories";
		}
		if (!field.isEmpty() && new BeanWrapperImpl(form).isReadableProperty(field)) {
			errors.rejectValue(field, "rejected", message);
		}
		else {
			errors.reject("rejected", label(problem.field()) + message);
		}
	}

	private static String line(List<String> lines, int index) {
		return index < lines.size() ? lines.get(index) + " — " : "";
	}

	private static String label(String field) {
		if (field == null || field.isBlank() || field.equals("status")) {
			return "";
		}
		return switch (field) {
			case "logo" -> "Logo: ";
			default -> field + ": ";
		};
	}

}
