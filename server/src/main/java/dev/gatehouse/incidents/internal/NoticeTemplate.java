package dev.gatehouse.incidents.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer notice with placeholders in double braces, filled per account: {@code {{platform}}},
 * {@code {{reference}}}, {@code {{account}}}, {@code {{apps}}}, {@code {{window}}},
 * {@code {{discovered}}}, {@code {{categories}}}, {@code {{subjects}}}, {@code {{subject_counts}}},
 * {@code {{description}}}, {@code {{containment}}}, {@code {{contact}}} and {@code {{link}}}. An
 * unknown placeholder is left as written, so a typo shows in the preview instead of vanishing.
 */
public final class NoticeTemplate {

	public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

	public static final String SUBJECT_TEMPLATE = "Security incident {{reference}}: data of {{account}} may have been exposed";

	public static final String BODY_TEMPLATE = """
			Dear administrator of {{account}},

			We are writing to tell you about a security incident ({{reference}}) involving {{apps}}, an app
			installed in your account on {{platform}}.

			What happened: {{description}}

			When: data was exposed between {{window}}. It was discovered on {{discovered}}.

			Your data: our access log shows that the app touched {{subjects}} data subject(s) of your account in
			that period ({{subject_counts}}). The categories of data concerned: {{categories}}.

			What has been done: {{containment}}

			The list of the affected subjects, and this notice, are in your account: {{link}}

			Questions about the incident: {{contact}}
			""";

	private NoticeTemplate() {
	}

	public static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** Placeholders the template uses that {@link #render} does not know. */
	public static java.util.List<String> unknown(String template, java.util.Set<String> known) {
		return PLACEHOLDER.matcher(template).results().map(r -> r.group(1)).filter(p -> !known.contains(p)).distinct().toList();
	}

}
