package dev.gatehouse.monitoring.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/** The apps monitoring looks at: approved or published, the ones that can call the API. */
@Component
class LiveApps {

	private static final int PAGE = 200;

	private final AppRegistry registry;

	LiveApps(AppRegistry registry) {
		this.registry = registry;
	}

	List<App> all() {
		List<App> apps = new ArrayList<>();
		for (AppStatus status : List.of(AppStatus.APPROVED, AppStatus.PUBLISHED)) {
			for (int offset = 0;; offset += PAGE) {
				List<App> page = registry.search(null, status, PAGE, offset);
				apps.addAll(page);
				if (page.size() < PAGE) {
					break;
				}
			}
		}
		return apps;
	}

	/** When the app first went live: the earliest decision of a revision that was ever in force. */
	static Instant liveSince(List<Revision> revisions) {
		return revisions.stream()
			.filter(r -> r.state() == RevisionState.APPROVED || r.state() == RevisionState.SUPERSEDED)
			.map(Revision::decidedAt)
			.filter(Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(null);
	}

}
