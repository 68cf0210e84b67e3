package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.ChainVerification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies the whole chain on a schedule, logs an error when it is broken and publishes the result
 * as the gauge {@code gatehouse.auditlog.chain.intact}: 1 intact, 0 broken, NaN not checked yet.
 */
@Component
class ChainIntegrityMonitor {

	static final String GAUGE = "gatehouse.auditlog.chain.intact";

	private static final Logger log = LoggerFactory.getLogger(ChainIntegrityMonitor.class);

	private final AuditLog auditLog;

	private final AtomicReference<Double> intact = new AtomicReference<>(Double.NaN);

	ChainIntegrityMonitor(AuditLog auditLog, MeterRegistry meters) {
		this.auditLog = auditLog;
		Gauge.builder(GAUGE, intact, AtomicReference::get)
			.description("1 when the last verification found the audit log's hash chain intact, 0 when not")
			.register(meters);
	}

	/** The cron lives in {@link AuditLogProperties#verificationCron()}; the default here must match it. */
	@Scheduled(cron = "${gatehouse.auditlog.verification-cron:" + AuditLogProperties.DEFAULT_CRON + "}")
	void verifyOnSchedule() {
		verifyChain();
	}

	ChainVerification verifyChain() {
		ChainVerification result = auditLog.verify();
		intact.set(result.ok() ? 1.0 : 0.0);
		if (result.ok()) {
			log.info("Audit log chain intact: {} rows checked, head at {}", result.rowsChecked(), result.headSeq());
		}
		else {
			log.error("Audit log chain is BROKEN: {} rows checked, head at {}, {} problem(s){}, first: {}",
					result.rowsChecked(), result.headSeq(), result.problems().size(),
					result.problemsTruncated() ? " (more not listed)" : "", result.problems().getFirst());
		}
		return result;
	}

}
