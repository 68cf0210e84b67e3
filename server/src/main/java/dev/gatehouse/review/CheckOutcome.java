package dev.gatehouse.review;

/** What one automated check found. */
public enum CheckOutcome {

	PASS, FAIL, NOT_APPLICABLE,
	/** The check could not decide (a timeout, a bug): a person has to look. */
	ERROR;

	public String label() {
		return switch (this) {
			case PASS -> "pass";
			case FAIL -> "fail";
			case NOT_APPLICABLE -> "not applicable";
			case ERROR -> "error";
		};
	}

}
