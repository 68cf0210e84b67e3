package dev.gatehouse.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a reporter says about a breach.
 *
 * @param appIds the apps through which data was exposed (at least one)
 * @param discoveredAt when the reporter discovered it; not in the future
 * @param windowFrom start of the exposure window (inclusive); before {@code windowTo}
 * @param windowTo end of the exposure window (exclusive); not after now (a little slack)
 * @param dataCategories the data categories exposed, as the scopes name them ({@code health}, {@code contact})
 * @param containment what was done to stop it
 * @param contact who the platform and the customers can reach about it
 * @param sourceFinding the finding an operator opens it from; {@code null} otherwise
 */
public record IntakeCommand(String title, List<UUID> appIds, Instant discoveredAt, Instant windowFrom, Instant windowTo,
		List<String> dataCategories, String description, String containment, String contact, String sourceFinding) {

	public IntakeCommand {
		appIds = appIds == null ? List.of() : appIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
		dataCategories = dataCategories == null ? List.of()
				: dataCategories.stream()
					.filter(java.util.Objects::nonNull)
					.map(String::strip)
					.filter(s -> !s.isEmpty())
					.map(s -> s.toLowerCase(java.util.Locale.ROOT))
					.distinct()
					.toList();
	}

}
