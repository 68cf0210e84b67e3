package dev.gatehouse.review.internal;

import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.ReviewProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;

/** The module's settings and its nightly schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewProperties.class)
class ReviewConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReviewConfiguration.class);

	private final AppChecks checks;

	ReviewConfiguration(@Lazy AppChecks checks) {
		this.checks = checks;
	}

	@Scheduled(cron = "${gatehouse.review.nightly-cron:0 30 2 * * *}")
	void nightlyChecks() {
		try {
			log.info("Queued the nightly checks of {} live app(s)", checks.queueNightly());
		}
		catch (RuntimeException ex) {
			log.warn("Queueing the nightly checks failed: {}", ex.toString());
		}
	}

}
