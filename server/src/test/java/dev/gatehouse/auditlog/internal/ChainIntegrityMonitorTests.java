package dev.gatehouse.auditlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditPage;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.auditlog.ChainVerification;
import dev.gatehouse.auditlog.ChainVerification.Kind;
import dev.gatehouse.auditlog.ChainVerification.Problem;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.OutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChainIntegrityMonitorTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private double gauge() {
		return meters.get(ChainIntegrityMonitor.GAUGE).gauge().value();
	}

	@Test
	void gaugeWhenNotVerifiedYetThenNaN() {
		new ChainIntegrityMonitor(returning(intact()), meters);

		assertThat(gauge()).isNaN();
	}

	@Test
	void verifyWhenChainIntactThenGaugeIsOne() {
		new ChainIntegrityMonitor(returning(intact()), meters).verifyOnSchedule();

		assertThat(gauge()).isEqualTo(1.0);
	}

	@Test
	void verifyWhenChainBrokenThenGaugeIsZero() {
		var broken = new ChainVerification(false, 10, 10, List.of(new Problem(4, Kind.HASH_MISMATCH, "edited")),
				false);

		new ChainIntegrityMonitor(returning(broken), meters).verifyOnSchedule();

		assertThat(gauge()).isEqualTo(0.0);
	}

	@Test
	void propertiesWhenDefaultThenDailyAtHalfPastThree() {
		assertThat(AuditLogProperties.DEFAULT_CRON).isEqualTo("0 30 3 * * *");
	}

	private static ChainVerification intact() {
		return new ChainVerification(true, 10, 10, List.of(), false);
	}

	private static AuditLog returning(ChainVerification verification) {
		return new AuditLog() {

			@Override
			public AuditPage find(AuditQuery query) {
				throw new UnsupportedOperationException();
			}

			@Override
			public ChainVerification verify() {
				return verification;
			}

			@Override
			public void exportJsonLines(AuditQuery query, OutputStream out) {
				throw new UnsupportedOperationException();
			}

		};
	}

}
