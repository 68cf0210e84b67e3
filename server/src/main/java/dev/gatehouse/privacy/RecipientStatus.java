package dev.gatehouse.privacy;

/** Where one app stands on one request. */
public enum RecipientStatus {

	NOTIFIED, ACKNOWLEDGED, COMPLETED, DECLINED, OVERDUE;

	/** The app still owes an answer (overdue ones too: a late completion is still wanted). */
	public boolean awaitingApp() {
		return this == NOTIFIED || this == ACKNOWLEDGED || this == OVERDUE;
	}

}
