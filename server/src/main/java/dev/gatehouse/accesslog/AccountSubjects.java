package dev.gatehouse.accesslog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data subjects of one customer account that an app touched in a time window (an incident's
 * blast radius in that account).
 *
 * @param subjectIds the distinct subjects, sorted
 * @param subjectsPerCategory for each data category, how many distinct subjects were touched by
 * calls of that category
 * @param touches (call, subject) pairs: how often subjects were touched in all
 */
public record AccountSubjects(UUID customerAccountId, List<String> subjectIds, Map<String, Long> subjectsPerCategory,
		long touches) {

	public AccountSubjects {
		subjectIds = List.copyOf(subjectIds);
		subjectsPerCategory = Map.copyOf(subjectsPerCategory);
	}

}
