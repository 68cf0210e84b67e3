package dev.gatehouse.apps;

import java.time.LocalDate;

/** The developer's security attestations (SE-1, SE-8), re-confirmed with each revision. */
public record SecurityQuestionnaire(Boolean encryptionAtRest, Boolean staffMfa, Boolean loginAuditing,
		String incidentContact, LocalDate lastPenetrationTest, String notes) {

	public static SecurityQuestionnaire unanswered() {
		return new SecurityQuestionnaire(null, null, null, null, null, null);
	}

	public boolean complete() {
		return encryptionAtRest != null && staffMfa != null && loginAuditing != null && incidentContact != null
				&& !incidentContact.isBlank();
	}

}
