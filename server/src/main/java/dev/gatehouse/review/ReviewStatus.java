package dev.gatehouse.review;

/** Where the review of one submitted revision stands. */
public enum ReviewStatus {

	WAITING, IN_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED,
	/** The revision left review without a decision here (decided elsewhere, or the app was retired). */
	WITHDRAWN;

	public boolean open() {
		return this == WAITING || this == IN_REVIEW;
	}

}
