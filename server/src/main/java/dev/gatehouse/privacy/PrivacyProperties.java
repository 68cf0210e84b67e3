package dev.gatehouse.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recipients who is asked besides nothing: {@code lineage} (apps the access log shows
 * touched the subjects) or {@code lineage-and-scopes} (also every installed app whose granted
 * scopes reach the data categories); the policy pack has no field for this yet
 * @param lookback how far back the access log is searched for apps that touched a subject; the
 * access log's retention is the natural value
 * @param deadlineInterval how often each node looks for reminders and overdue answers to send
 * @param redactionInterval how often each node looks for uninstall redactions that are due
 * @param batchSize rows one round claims
 */
@ConfigurationProperties("gatehouse.privacy")
public record PrivacyProperties(@DefaultValue("lineage") RecipientRule recipients,
		@DefaultValue("P400D") Duration lookback, @DefaultValue("5m") Duration deadlineInterval,
		@DefaultValue("1m") Duration redactionInterval, @DefaultValue("100") int batchSize) {

	public PrivacyProperties {
		if (lookback.isNegative() || lookback.isZero() || batchSize < 1) {
			throw new IllegalArgumentException("gatehouse.privacy: a positive lookback and a batch size >= 1");
		}
	}

	public enum RecipientRule {
		LINEAGE, LINEAGE_AND_SCOPES
	}

}
