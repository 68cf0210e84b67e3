package dev.gatehouse.review.internal;

import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.Audits;
import dev.gatehouse.review.ReviewProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;

/** The module's settings and its schedules: nightly checks, the audit planner and evidence deadlines. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewProperties.class)
class ReviewConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReviewConfiguration.class);

	private final AppChecks checks;

	private final Audits audits;

	private final dev.gatehouse.review.Reviews reviews;

	ReviewConfiguration(@Lazy AppChecks checks, @Lazy Audits audits, @Lazy dev.gatehouse.review.Reviews reviews) {
		this.checks = checks;
		this.reviews = reviews;
		this.audits = audits;
	}

	/** Revisions already in review when the module starts (an upgrade) join the queue. */
	@org.springframework.context.annotation.Bean
	@org.springframework.core.annotation.Order(-5)
	org.springframework.boot.ApplicationRunner openMissingReviews(@Lazy dev.gatehouse.review.Reviews reviews) {
		return args -> {
			int opened = reviews.openMissing();
			if (opened > 0) {
				log.info("Opened {} review(s) for revisions that were in review without one", opened);
			}
		};
	}

	@Scheduled(cron = "${gatehouse.review.audit-cron:0 0 * * * *}")
	void auditsAndDeadlines() {
		try {
			int opened = audits.openDueAudits();
			int deadlines = audits.runDeadlinesNow() + reviews.runChangeDeadlinesNow();
			if (opened + deadlines > 0) {
				log.info("Opened {} scheduled audit(s); {} evidence or required-change reminder(s) or missed deadline(s)", opened, deadlines);
			}
		}
		catch (RuntimeException ex) {
			log.warn("The audit round failed: {}", ex.toString());
		}
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
