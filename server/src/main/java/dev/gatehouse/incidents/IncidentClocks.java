package dev.gatehouse.incidents;

/** The authority clock and the customer clock of an incident at one instant. */
public record IncidentClocks(IncidentClock authority, IncidentClock customers) {

	public boolean anyLate() {
		return authority.late() || customers.late();
	}

}
