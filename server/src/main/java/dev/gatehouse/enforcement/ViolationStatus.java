package dev.gatehouse.enforcement;

/** PROPOSED: an action waits for an operator. REINSTATED: remediated and lifted. DISMISSED: no breach (or an upheld appeal). */
public enum ViolationStatus {
	PROPOSED, ACTIONED, REINSTATED, DISMISSED
}
