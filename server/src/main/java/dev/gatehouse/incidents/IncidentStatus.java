package dev.gatehouse.incidents;

/** An incident is worked on while open; closing it stops its clocks and keeps everything as evidence. */
public enum IncidentStatus {
	OPEN, CLOSED
}
