package dev.gatehouse.privacy;

/** What the customer asks of the apps, and the webhook event that asks it. */
public enum RequestKind {

	ERASURE("subject.erasure_requested", "Erasure"),
	RECTIFICATION("subject.rectified", "Rectification"),
	ACCESS("subject.access_requested", "Access"),
	RESTRICTION("subject.restricted", "Restriction"),
	/** The whole account: every installed app is asked to redact what it holds of it. */
	ACCOUNT_CLOSURE("account.redact", "Account closure");

	private final String eventType;

	private final String label;

	RequestKind(String eventType, String label) {
		this.eventType = eventType;
		this.label = label;
	}

	public String eventType() {
		return eventType;
	}

	public String label() {
		return label;
	}

	public boolean needsSubjects() {
		return this != ACCOUNT_CLOSURE;
	}

	/** The pack mechanism whose clause an overdue answer breaks. */
	public String mechanism() {
		return this == RECTIFICATION ? "flow.rectification" : "flow.erasure";
	}

	/** The catalogue clause when the pack names none for the mechanism. */
	public String fallbackClause() {
		return this == RECTIFICATION ? "DP-8" : "DP-7";
	}

}
