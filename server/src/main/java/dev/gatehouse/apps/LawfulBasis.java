package dev.gatehouse.apps;

/** The lawful bases for processing personal data (GDPR Art. 6). */
public enum LawfulBasis {
	CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS
}
