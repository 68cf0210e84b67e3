package dev.gatehouse.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A breach report and where it stands.
 *
 * @param reference a short, human reference ({@code INC-2026-0007})
 * @param selfReported the developer reported it (page or app API) rather than the platform finding
 * it; written once, never changed
 * @param platformAwareAt when the platform learnt of it: the start of both clocks; never changed
 * @param reportedBy who reported it, as a label (a developer's email, {@code app:<id>}, an operator)
 * @param organizationId the developer organization of the apps, when they share one
 * @param sourceFinding the finding it was opened from, when an operator opened it from one
 * @param discoveredAt when the reporter discovered the breach
 * @param windowFrom the exposure window's start, inclusive
 * @param windowTo the exposure window's end, exclusive
 * @param customersNotifiedAt when the last account of the current blast radius was sent its notice;
 * {@code null} while one is still owed one
 * @param authorityOverdueAt when the authority clock was found run out ({@code null} if it has not)
 */
public record Incident(IncidentId id, String reference, String title, IncidentStatus status, boolean selfReported,
		Instant platformAwareAt, String reportedBy, UUID reportedByUserId, UUID organizationId, String sourceFinding,
		Instant discoveredAt, Instant windowFrom, Instant windowTo, List<String> dataCategories, String description,
		String containment, String contact, List<UUID> appIds, Instant authorityNotifiedAt, String authorityReference,
		Instant customersNotifiedAt, Instant authorityOverdueAt, Instant customersOverdueAt, Instant closedAt,
		String closureNote, Instant updatedAt) {

	public Incident {
		dataCategories = List.copyOf(dataCategories);
		appIds = List.copyOf(appIds);
	}

	public boolean open() {
		return status == IncidentStatus.OPEN;
	}

}
