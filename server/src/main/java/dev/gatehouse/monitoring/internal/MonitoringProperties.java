package dev.gatehouse.monitoring.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the monitoring detectors; the thresholds themselves come from the policy pack.
 *
 * @param runOnSchedule whether nodes run the detectors every {@code interval} (one node per round)
 * @param interval time between scheduled runs
 * @param lookback the window the burst detectors (probing, spam) look at in each run
 * @param loadWindow the window the load detector looks at
 * @param loadMinCalls fewer forwarded calls than this in the window are too few to judge an error rate
 * @param exfiltrationFloorPerDay the smallest daily baseline an installation is compared against, so
 * a new or quiet installation is not flagged for its first few hundred reads
 * @param throttlePerMinute the rate an automatic throttle sets (calls per minute)
 * @param throttleFor how long an automatic throttle lasts
 */
@ConfigurationProperties("gatehouse.monitoring")
public record MonitoringProperties(@DefaultValue("true") boolean runOnSchedule, @DefaultValue("15m") Duration interval,
		@DefaultValue("24h") Duration lookback, @DefaultValue("1h") Duration loadWindow,
		@DefaultValue("100") long loadMinCalls, @DefaultValue("200") long exfiltrationFloorPerDay,
		@DefaultValue("60") int throttlePerMinute, @DefaultValue("1h") Duration throttleFor) {

	public MonitoringProperties {
		if (interval.compareTo(Duration.ofMinutes(1)) < 0 || throttlePerMinute < 1) {
			throw new IllegalArgumentException(
					"gatehouse.monitoring.interval must be at least a minute and throttle-per-minute positive");
		}
	}

}
