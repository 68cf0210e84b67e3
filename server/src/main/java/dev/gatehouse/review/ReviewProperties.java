package dev.gatehouse.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the review module ({@code gatehouse.review}).
 *
 * @param nightlyCron when the checks run again for every live app (Spring cron, server time zone)
 * @param workerInterval how often each node looks for queued check runs
 * @param backgroundRuns whether queued runs are taken by the background worker (right after the
 * queueing commit and every {@code worker-interval}); off, they only run when
 * {@link AppChecks#runQueuedNow} is called (tests)
 * @param checkTimeout the most one check may take before it is recorded as an error
 * @param allowHttp accept plain-http listing URLs and webhook endpoints (tests and local receivers
 * only: production listings must use https, and the check fails them)
 * @param urlFailingDays how long a listed URL must keep failing on the scheduled runs before it is a
 * finding, when the pack's {@code check.staleness failingDays} does not say
 * @param auditIntervalBasic audit interval for apps with only basic scopes, when the pack's
 * {@code flow.audit} has no {@code intervalDaysBasic}
 * @param auditIntervalSensitive the same for apps with a sensitive scope
 * @param auditIntervalRestricted the same for apps with a restricted scope
 * @param auditCron when the audit planner and the evidence deadlines run
 * @param evidenceReminderBefore a reminder goes out this long before an evidence deadline
 * @param evidenceMaxFileSize the largest evidence file accepted
 * @param evidenceMaxFiles files per evidence request
 */
@ConfigurationProperties("gatehouse.review")
public record ReviewProperties(@DefaultValue("0 30 2 * * *") String nightlyCron,
		@DefaultValue("5s") Duration workerInterval, @DefaultValue("true") boolean backgroundRuns,
		@DefaultValue("30s") Duration checkTimeout,
		@DefaultValue("false") boolean allowHttp, @DefaultValue("7") int urlFailingDays,
		@DefaultValue("P365D") Duration auditIntervalBasic, @DefaultValue("P180D") Duration auditIntervalSensitive,
		@DefaultValue("P90D") Duration auditIntervalRestricted, @DefaultValue("0 0 * * * *") String auditCron,
		@DefaultValue("P3D") Duration evidenceReminderBefore, @DefaultValue("10MB") DataSize evidenceMaxFileSize,
		@DefaultValue("10") int evidenceMaxFiles) {

	public ReviewProperties {
		if (checkTimeout.isNegative() || checkTimeout.isZero() || urlFailingDays < 1 || evidenceMaxFiles < 1) {
			throw new IllegalArgumentException("gatehouse.review: positive check timeout, url-failing-days and evidence-max-files");
		}
	}

}
