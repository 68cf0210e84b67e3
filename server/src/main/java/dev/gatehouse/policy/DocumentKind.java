package dev.gatehouse.policy;

import java.util.Arrays;
import java.util.Optional;

/** The legal documents every developer organization accepts. */
public enum DocumentKind {

	DEVELOPER_TERMS("developer-terms", "Developer terms"), DEVELOPER_POLICY("developer-policy", "Developer policy"),
	ACCEPTABLE_USE("acceptable-use", "Acceptable use policy"), DATA_PROCESSING("data-processing",
			"Data processing agreement");

	private final String slug;

	private final String title;

	DocumentKind(String slug, String title) {
		this.slug = slug;
		this.title = title;
	}

	public String slug() {
		return slug;
	}

	public String title() {
		return title;
	}

	/** The developer policy's content is a policy pack, validated on upload. */
	public boolean isPolicyPack() {
		return this == DEVELOPER_POLICY;
	}

	public static Optional<DocumentKind> of(String slug) {
		return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
	}

}
