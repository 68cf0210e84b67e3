package dev.gatehouse.auditlog.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit log.
 *
 * @param verificationCron when the whole chain is verified in the background (Spring cron, in the
 * server's time zone; {@code -} turns it off). Read by {@link ChainIntegrityMonitor}'s
 * {@code @Scheduled} through the same property, with the same default.
 * @param fetchSize rows fetched per round trip when streaming the chain for verification and export
 */
@ConfigurationProperties("gatehouse.auditlog")
record AuditLogProperties(@DefaultValue(AuditLogProperties.DEFAULT_CRON) String verificationCron,
		@DefaultValue("1000") int fetchSize) {

	static final String DEFAULT_CRON = "0 30 3 * * *";

}
