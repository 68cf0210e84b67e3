package dev.gatehouse.privacy.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.shared.badges.AppBadge;
import dev.gatehouse.shared.badges.AppBadgeSource;
import dev.gatehouse.webhooks.Webhooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Privacy-ready: the app's webhook endpoint works (enabled, healthy, a delivery succeeded in the
 * last twelve months) and every privacy request of those twelve months was answered by its due
 * date: none overdue, none completed late, none still open past it.
 */
@Component
class PrivacyReadyBadge implements AppBadgeSource {

	static final AppBadge BADGE = new AppBadge("privacy-ready", "Privacy-ready",
			"Its webhook endpoint works and it answered every privacy request of the last 12 months on time.");

	private static final Duration WINDOW = Duration.ofDays(365);

	private final Webhooks webhooks;

	private final JdbcClient jdbc;

	private final Clock clock;

	PrivacyReadyBadge(Webhooks webhooks, JdbcClient jdbc, Clock clock) {
		this.webhooks = webhooks;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<AppBadge> badgesOf(UUID appId) {
		Instant now = clock.instant();
		var endpoint = webhooks.endpoint(new AppId(appId));
		boolean working = endpoint.url() != null && endpoint.enabled() && "healthy".equals(endpoint.health())
				&& endpoint.lastSuccessAt() != null && endpoint.lastSuccessAt().isAfter(now.minus(WINDOW));
		return working && answeredOnTime(appId, now) ? List.of(BADGE) : List.of();
	}

	private boolean answeredOnTime(UUID appId, Instant now) {
		return jdbc.sql("""
				select not exists (
				    select 1 from privacy.recipients
				    where app_id = :app and notified_at > :since
				      and (status = 'OVERDUE'
				           or (completed_at is not null and completed_at > due_at)
				           or (status in ('NOTIFIED', 'ACKNOWLEDGED') and due_at < :now)))""")
			.param("app", appId)
			.param("since", Timestamp.from(now.minus(WINDOW)))
			.param("now", Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}

}
