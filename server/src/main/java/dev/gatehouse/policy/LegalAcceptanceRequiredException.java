package dev.gatehouse.policy;

import java.util.List;

/** The organization has not accepted every current legal document: no app may be created or submitted. */
public class LegalAcceptanceRequiredException extends PolicyException {

	private final List<DocumentKind> missing;

	public LegalAcceptanceRequiredException(List<DocumentKind> missing) {
		super(null, "Accept the current " + String.join(", ", missing.stream().map(DocumentKind::title).toList())
				+ " first.");
		this.missing = List.copyOf(missing);
	}

	public List<DocumentKind> missing() {
		return missing;
	}

}
