package dev.gatehouse.webhooks.internal;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.shared.db.DatabaseProperties;
import dev.gatehouse.shared.net.OutboundHttpClient;
import dev.gatehouse.webhooks.WebhooksProperties;

import java.time.Clock;
import java.util.random.RandomGenerator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

	@Bean
	RetrySchedule webhookRetrySchedule(WebhooksProperties properties) {
		return new RetrySchedule(properties.schedule(), properties.jitter(), properties.maxRetryAfter(),
				RandomGenerator.getDefault());
	}

	@Bean
	WebhookSender webhookSender(AppRegistry registry, AppCredentials credentials, OutboundHttpClient http, Clock clock,
			WebhooksProperties properties) {
		return new WebhookSender(registry, credentials, http, clock, properties.allowHttp());
	}

	@Bean(destroyMethod = "close")
	DeliveryWorker webhookDeliveryWorker(DeliveryRepository deliveries, EndpointRepository endpoints, WebhookSender sender,
			RetrySchedule schedule, WebhooksProperties properties, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock, DatabaseProperties database) {
		return new DeliveryWorker(deliveries, endpoints, sender, schedule, properties, transactions, events, clock,
				properties.concurrency(database.poolSize()));
	}

}
