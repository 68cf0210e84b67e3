package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes calls off the request threads: {@link #add} only enqueues, and one background thread writes
 * them in batches of up to {@code batch-size} rows, at least every {@code flush-interval}. When the
 * queue is full the calling thread writes a batch itself (caller runs): requests slow down, no call
 * is dropped. A batch the database refuses is retried with backoff until it is written. Stopping
 * (after the web server stopped taking requests) drains the queue.
 */
@Component
public class CallQueue implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CallQueue.class);

	private final BlockingQueue<ApiCall> queue;

	private final CallWriter writer;

	private final AccessLogProperties properties;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	private final Counter rows;

	private final Counter callerRuns;

	private final Counter failures;

	private final Timer batches;

	private volatile boolean running;

	private volatile boolean stopped;

	/** Set by {@link #flush} and {@link #stop}: write what is there without waiting for a fuller batch. */
	private volatile boolean hurry;

	/** Whether the last write failed, so an outage is logged once rather than per retry. */
	private volatile boolean failing;

	private Thread thread;

	CallQueue(CallWriter writer, AccessLogProperties properties, MeterRegistry meters) {
		this.writer = writer;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.rows = Counter.builder("gatehouse.accesslog.rows.written").description("API calls written to the access log")
			.register(meters);
		this.callerRuns = Counter.builder("gatehouse.accesslog.caller.runs")
			.description("Batches a recording thread wrote itself because the queue was full")
			.register(meters);
		this.failures = Counter.builder("gatehouse.accesslog.write.failures")
			.description("Batch writes the database refused (each is retried)")
			.register(meters);
		this.batches = Timer.builder("gatehouse.accesslog.batch.duration").description("Time to write one batch")
			.register(meters);
		meters.gauge("gatehouse.accesslog.queue.depth", queue, BlockingQueue::size);
	}

	/** Queues the call; when the queue is full, writes a batch on this thread. */
	public void add(ApiCall call) {
		accepted.incrementAndGet();
		if (stopped) {
			writeUntilDone(List.of(call));
			return;
		}
		if (queue.offer(call)) {
			return;
		}
		callerRuns.increment();
		List<ApiCall> batch = new ArrayList<>(properties.batchSize());
		batch.add(call);
		queue.drainTo(batch, properties.batchSize() - 1);
		if (!tryWrite(batch)) {
			// The database is down: wait for room instead of dropping; the writer thread keeps retrying.
			batch.forEach(this::putUninterruptibly);
		}
	}

	/** Waits until every call added before this was written. */
	public void flush(Duration timeout) throws TimeoutException {
		long target = accepted.get();
		long deadline = System.nanoTime() + timeout.toNanos();
		hurry = true;
		while (written.get() < target) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("Access log not flushed: " + (target - written.get()) + " calls pending");
			}
			sleep(5);
		}
	}

	/** Calls waiting in memory. */
	public int depth() {
		return queue.size();
	}

	@Override
	public void start() {
		stopped = false;
		running = true;
		thread = Thread.ofPlatform().name("accesslog-writer").daemon().start(this::drainLoop);
	}

	@Override
	public void stop() {
		stopped = true;
		running = false;
		hurry = true;
		if (thread == null) {
			return;
		}
		try {
			thread.join(properties.shutdownTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			log.error("Access log: stopped with {} calls not written (database unavailable during shutdown)",
					queue.size());
			return;
		}
		// A call queued just as the writer finished: write it here.
		List<ApiCall> rest = new ArrayList<>();
		queue.drainTo(rest);
		if (!rest.isEmpty()) {
			writeUntilDone(rest);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Starts before and stops after the web server, so every call a request records gets written. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void drainLoop() {
		List<ApiCall> batch = new ArrayList<>(properties.batchSize());
		while (running || !queue.isEmpty()) {
			try {
				// Short polls, so stop() is noticed at once without interrupting a write.
				ApiCall first = queue.poll(Math.min(properties.flushInterval().toMillis(), 50), TimeUnit.MILLISECONDS);
				if (first == null) {
					hurry = false;
					continue;
				}
				batch.add(first);
				fill(batch);
				writeUntilDone(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				// only stop() ends the loop, after draining
			}
		}
	}

	/** Collects up to a full batch, waiting at most the flush interval for more calls to arrive. */
	private void fill(List<ApiCall> batch) throws InterruptedException {
		long deadline = System.nanoTime() + properties.flushInterval().toNanos();
		while (batch.size() < properties.batchSize()) {
			queue.drainTo(batch, properties.batchSize() - batch.size());
			long left = deadline - System.nanoTime();
			if (batch.size() >= properties.batchSize() || left <= 0 || hurry || !running) {
				return;
			}
			ApiCall next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
			if (next != null) {
				batch.add(next);
			}
		}
	}

	/** Writes the batch, retrying with backoff; gives up only if stopping and past the shutdown timeout. */
	private void writeUntilDone(List<ApiCall> batch) {
		long backoff = 100;
		long giveUpAt = Long.MAX_VALUE;
		while (!tryWrite(batch)) {
			if (stopped && giveUpAt == Long.MAX_VALUE) {
				giveUpAt = System.nanoTime() + properties.shutdownTimeout().toNanos();
			}
			if (System.nanoTime() > giveUpAt) {
				log.error("Access log: {} calls not written, the database stayed unavailable during shutdown",
						batch.size());
				return;
			}
			sleep(backoff);
			backoff = Math.min(backoff * 2, properties.maxRetryBackoff().toMillis());
		}
	}

	private boolean tryWrite(List<ApiCall> batch) {
		long start = System.nanoTime();
		try {
			writer.write(batch);
		}
		catch (Exception ex) {
			failures.increment();
			writer.forgetPartitions();
			if (!failing) {
				failing = true;
				log.warn("Access log: writing a batch of {} calls failed; retrying until it succeeds", batch.size(), ex);
			}
			return false;
		}
		batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		rows.increment(batch.size());
		written.addAndGet(batch.size());
		if (failing) {
			failing = false;
			log.info("Access log: writing again");
		}
		return true;
	}

	private void putUninterruptibly(ApiCall call) {
		boolean interrupted = false;
		while (true) {
			try {
				queue.put(call);
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
