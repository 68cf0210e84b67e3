package dev.gatehouse.accesslog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the access log.
 *
 * @param queueCapacity calls held in memory for the background writer; when full, the recording
 * thread writes a batch itself
 * @param batchSize most rows written in one transaction
 * @param flushInterval longest a call waits in memory before its batch is written
 * @param retention how long calls are kept; whole day partitions older than this are dropped. Data
 * lineage must outlive a year of privacy requests, hence the default of 400 days.
 * @param partitionsAhead day partitions created ahead of today
 * @param maintenanceCron when partitions are created ahead and old ones dropped (Spring cron; also
 * run at startup). Read by {@link PartitionMaintenance}'s {@code @Scheduled} with the same default.
 * @param maxRetryBackoff longest pause between retries of a batch the database refused
 * @param shutdownTimeout how long shutting down waits for the queue to drain
 */
@ConfigurationProperties("gatehouse.accesslog")
public record AccessLogProperties(@DefaultValue("50000") int queueCapacity, @DefaultValue("1000") int batchSize,
		@DefaultValue("150ms") Duration flushInterval, @DefaultValue("P400D") Duration retention,
		@DefaultValue("7") int partitionsAhead, @DefaultValue(AccessLogProperties.DEFAULT_CRON) String maintenanceCron,
		@DefaultValue("30s") Duration maxRetryBackoff, @DefaultValue("60s") Duration shutdownTimeout) {

	static final String DEFAULT_CRON = "0 7 * * * *";

	public AccessLogProperties {
		if (queueCapacity < 1 || batchSize < 1) {
			throw new IllegalArgumentException("gatehouse.accesslog queue-capacity and batch-size must be positive");
		}
		if (retention.compareTo(Duration.ofDays(1)) < 0 || partitionsAhead < 0) {
			throw new IllegalArgumentException(
					"gatehouse.accesslog.retention must be at least a day and partitions-ahead not negative");
		}
	}

}
