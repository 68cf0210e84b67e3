package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.CallQuery;
import dev.gatehouse.accesslog.TestCalls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class PartitionMaintenanceIntegrationTests {

	@Autowired
	Partitions partitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AccessLog accessLog;

	@Test
	void maintainWhenRunThenDaysAheadAreCreatedAndDaysPastRetentionDropped() {
		Instant now = Instant.parse("2031-03-10T12:00:00Z");
		var properties = new AccessLogProperties(10, 10, Duration.ofMillis(50), Duration.ofDays(30), 3, "-",
				Duration.ofSeconds(1), Duration.ofSeconds(5));
		var maintenance = new PartitionMaintenance(partitions, jdbc, transactions, properties,
				Clock.fixed(now, ZoneOffset.UTC));
		LocalDate expired = LocalDate.parse("2031-02-07");
		LocalDate kept = LocalDate.parse("2031-02-08");
		partitions.ensure(List.of(expired, kept));

		var outcome = maintenance.maintain();

		assertThat(outcome.created()).containsExactly(LocalDate.parse("2031-03-10"), LocalDate.parse("2031-03-11"),
				LocalDate.parse("2031-03-12"), LocalDate.parse("2031-03-13"));
		// 2031-02-08 ends at 02-09T00:00, less than 30 days before now: it stays.
		assertThat(outcome.dropped()).contains(expired).doesNotContain(kept);
		assertThat(partitions.days()).contains(kept, LocalDate.parse("2031-03-13")).doesNotContain(expired);
		assertThat(jdbc.sql("select to_regclass('accesslog.subject_touches_p20310207') is null").query(Boolean.class).single())
			.isTrue();
		assertThat(maintenance.maintain().created()).isEmpty();
	}

	@Test
	void maintainWhenAnotherNodeHoldsTheLockThenItDoesNothing() throws Exception {
		var properties = new AccessLogProperties(10, 10, Duration.ofMillis(50), Duration.ofDays(30), 2, "-",
				Duration.ofSeconds(1), Duration.ofSeconds(5));
		var maintenance = new PartitionMaintenance(partitions, jdbc, transactions, properties,
				Clock.fixed(Instant.parse("2032-06-01T00:00:00Z"), ZoneOffset.UTC));
		var locked = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var holder = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql(Partitions.LOCK).query((rs, n) -> 1).list();
			locked.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		locked.await();
		try {
			assertThat(maintenance.maintain().created()).isEmpty();
		}
		finally {
			release.countDown();
			holder.join();
		}
		assertThat(maintenance.maintain().created()).hasSize(3);
	}

	@Test
	void recordWhenTheDayHasNoPartitionThenTheWriterCreatesIt() {
		Instant longAgo = Instant.parse("2009-07-14T08:00:00Z");
		UUID app = UUID.randomUUID();
		assertThat(partitions.days()).doesNotContain(LocalDate.parse("2009-07-14"));

		accessLog.record(TestCalls.call(app, UUID.randomUUID(), UUID.randomUUID(), longAgo, "s"));
		accessLog.flush();

		assertThat(accessLog.calls(CallQuery.between(longAgo.minusSeconds(1), longAgo.plusSeconds(1), 5).app(app)))
			.hasSize(1);
		assertThat(partitions.days()).contains(LocalDate.parse("2009-07-14"));
	}

}
