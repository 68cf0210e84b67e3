package dev.gatehouse.incidents;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param clockInterval how often each node checks the clocks of open incidents and the mail status
 * of queued notices
 * @param platformWebhookApp the app registration that stands for the platform itself: when set, an
 * opened incident and every notification campaign are also sent to its webhook endpoint (signed,
 * through the webhooks outbox); unset, the platform learns from Gatehouse's pages and mail only
 * @param maxSubjectsShown most subjects one account's list shows on a page (the dossier has all)
 * @param batchSize rows one round handles
 */
@ConfigurationProperties("gatehouse.incidents")
public record IncidentsProperties(@DefaultValue("5m") Duration clockInterval, UUID platformWebhookApp,
		@DefaultValue("500") int maxSubjectsShown, @DefaultValue("200") int batchSize) {

	public IncidentsProperties {
		if (batchSize < 1 || maxSubjectsShown < 1) {
			throw new IllegalArgumentException("gatehouse.incidents: a batch size and max-subjects-shown of at least 1");
		}
	}

}
