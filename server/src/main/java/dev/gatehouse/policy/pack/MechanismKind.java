package dev.gatehouse.policy.pack;

/** How a mechanism enforces a clause (see POLICY-CATALOGUE: CHECK, GUARD, FLOW, ATTEST). */
public enum MechanismKind {
	CHECK, GUARD, FLOW, ATTEST, OTHER
}
