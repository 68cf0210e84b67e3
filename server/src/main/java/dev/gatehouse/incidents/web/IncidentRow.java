package dev.gatehouse.incidents.web;

import dev.gatehouse.incidents.BlastRadius.Snapshot;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentClocks;

import java.util.List;

/** An incident in a list: its clocks, its apps' names and the current blast radius' size. */
public record IncidentRow(Incident incident, IncidentClocks clocks, List<String> appNames, Snapshot snapshot) {
}
