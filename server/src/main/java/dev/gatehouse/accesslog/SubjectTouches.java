package dev.gatehouse.accesslog;

import java.util.List;
import java.util.UUID;

/**
 * How often one app touched one data subject of one account in a window, by calls of one set of
 * data categories: a row of an incident's blast radius. The same subject comes once per app and
 * per distinct category set of its calls.
 *
 * @param dataCategories the categories of those calls, as the route declared them
 * @param touches calls that touched the subject
 */
public record SubjectTouches(UUID customerAccountId, String subjectId, UUID appId, List<String> dataCategories,
		long touches) {

	public SubjectTouches {
		dataCategories = List.copyOf(dataCategories);
	}

}
