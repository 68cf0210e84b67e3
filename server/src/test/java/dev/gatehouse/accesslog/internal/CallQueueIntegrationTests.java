package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.accesslog.TestCalls;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue with a real writer and database, sized small to force back-pressure and a drain on stop. */
@SpringBootTest
class CallQueueIntegrationTests {

	@Autowired
	CallWriter writer;

	@Autowired
	JdbcClient jdbc;

	final UUID app = UUID.randomUUID();

	@Test
	void addWhenTheQueueIsFullThenCallersWriteBatchesThemselvesAndNothingIsLost() throws Exception {
		var meters = new SimpleMeterRegistry();
		// Not started: nothing drains the queue of 5, so every further call must be written by its caller.
		var queue = new CallQueue(writer, properties(5, 3, Duration.ofSeconds(10)), meters);
		try (var threads = Executors.newFixedThreadPool(8)) {
			IntStream.range(0, 400).forEach(i -> threads.submit(() -> queue.add(call(i))));
		}

		assertThat(meters.counter("gatehouse.accesslog.caller.runs").count()).isPositive();
		assertThat(queue.depth()).isBetween(1, 5);
		queue.start();
		queue.stop();

		assertThat(written()).isEqualTo(400);
		assertThat(meters.counter("gatehouse.accesslog.rows.written").count()).isEqualTo(400);
		assertThat(meters.get("gatehouse.accesslog.queue.depth").gauge().value()).isZero();
	}

	@Test
	void stopWhenCallsAreQueuedThenAllAreWrittenBeforeItReturns() {
		// A flush interval far longer than the test: only stopping can make the writer write now.
		var queue = new CallQueue(writer, properties(10_000, 1_000, Duration.ofMinutes(5)), new SimpleMeterRegistry());
		queue.start();
		IntStream.range(0, 250).forEach(i -> queue.add(call(i)));

		queue.stop();

		assertThat(written()).isEqualTo(250);
		assertThat(queue.isRunning()).isFalse();
		// After stopping, a late call is written on the caller's thread.
		queue.add(call(251));
		assertThat(written()).isEqualTo(251);
	}

	@Test
	void flushWhenCallsAreQueuedThenItReturnsOnceTheyAreWritten() throws Exception {
		var queue = new CallQueue(writer, properties(10_000, 1_000, Duration.ofMinutes(5)), new SimpleMeterRegistry());
		queue.start();
		try {
			IntStream.range(0, 30).forEach(i -> queue.add(call(i)));

			queue.flush(Duration.ofSeconds(30));

			assertThat(written()).isEqualTo(30);
		}
		finally {
			queue.stop();
		}
	}

	private ApiCall call(int i) {
		return TestCalls.call(app, UUID.randomUUID(), UUID.randomUUID(), Instant.now().minusMillis(i), "s-" + i);
	}

	private long written() {
		return jdbc.sql("select count(*) from accesslog.api_calls where app_id = :app and occurred_at > now() - interval '1 day'")
			.param("app", app)
			.query(Long.class)
			.single();
	}

	private static AccessLogProperties properties(int capacity, int batch, Duration flushInterval) {
		return new AccessLogProperties(capacity, batch, flushInterval, Duration.ofDays(400), 1, "-",
				Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

}
