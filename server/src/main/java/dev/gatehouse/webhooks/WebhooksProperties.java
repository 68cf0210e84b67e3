package dev.gatehouse.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param schedule delays before each retry after the first attempt (about three days in all); a
 * delivery is exhausted when the list is used up
 * @param jitter each delay is moved by up to this fraction either way, so that endpoints that
 * failed together are not retried together
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer answers wait this long
 * @param lease how long a claimed delivery is reserved for the node that claimed it: longer than
 * one attempt can take
 * @param batchSize how many due deliveries a worker round claims; a round that comes back full is
 * followed at once by the next
 * @param pollInterval how long an idle node waits before it looks for due deliveries again
 * @param concurrency attempts in flight on one node at most, whatever the batch size: each attempt
 * uses the database before and after its POST, so this stays below the connection pool; 0 (the
 * default) takes half of {@code gatehouse.db.pool-size}
 * @param allowHttp accept http endpoint URLs (tests and local receivers); production needs https
 */
@ConfigurationProperties("gatehouse.webhooks")
public record WebhooksProperties(
		@DefaultValue({ "5s", "1m", "5m", "30m", "1h", "2h", "4h", "8h", "12h", "12h", "12h", "12h", "12h" }) List<Duration> schedule,
		@DefaultValue("0.2") double jitter, @DefaultValue("24h") Duration maxRetryAfter,
		@DefaultValue("2m") Duration lease, @DefaultValue("50") int batchSize, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("false") boolean allowHttp, @DefaultValue("0") int concurrency) {

	public WebhooksProperties {
		if (schedule.isEmpty() || jitter < 0 || jitter >= 1 || batchSize < 1 || concurrency < 0) {
			throw new IllegalArgumentException(
					"gatehouse.webhooks: a non-empty schedule, jitter in [0, 1), batch size >= 1, concurrency >= 0");
		}
		schedule = List.copyOf(schedule);
	}

	/** Attempts in flight at most on a node whose database pool holds {@code poolSize} connections. */
	public int concurrency(int poolSize) {
		return concurrency > 0 ? concurrency : Math.max(1, poolSize / 2);
	}

	/** Attempts in all: the first and one per scheduled delay. */
	public int maxAttempts() {
		return schedule.size() + 1;
	}

}
