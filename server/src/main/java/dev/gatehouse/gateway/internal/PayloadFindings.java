package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Route;
import dev.gatehouse.shared.findings.FindingReported;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Files a finding when a write carried a card number or a password, off the request thread (the
 * finding is a database write). One open finding per app, route and kind: the enforcement module
 * deduplicates; a full queue drops reports rather than slowing calls, since the same app's next
 * offending call reports again.
 */
final class PayloadFindings implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PayloadFindings.class);

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), Thread.ofPlatform().name("gateway-findings").daemon().factory(),
			new ThreadPoolExecutor.DiscardPolicy());

	PayloadFindings(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	void report(VerifiedToken token, Route route, String method, UUID callId, List<PayloadScanner.Hit> hits,
			GatewayPolicy.Scan scan) {
		var at = clock.instant();
		executor.execute(() -> {
			for (String clause : scan.clauseIds().isEmpty() ? List.of("CD-2") : scan.clauseIds()) {
				for (String kind : hits.stream().map(PayloadScanner.Hit::kind).distinct().toList()) {
					var evidence = new LinkedHashMap<String, Object>();
					evidence.put("route", route.id());
					evidence.put("method", method);
					evidence.put("callId", callId.toString());
					evidence.put("kind", kind);
					evidence.put("where", hits.stream().filter(h -> h.kind().equals(kind)).map(PayloadScanner.Hit::where).toList());
					evidence.put("blocked", scan.block());
					evidence.put("installation", token.installationId() == null ? "" : token.installationId().toString());
					evidence.put("at", at.toString());
					try {
						events.publishEvent(new FindingReported(clause, "app", token.appId().toString(), "guard.payload-scan",
								"payload-scan:" + route.id() + ":" + kind,
								(scan.block() ? "Blocked a call to " : "A call to ") + route.id() + " carrying "
										+ kind.replace('_', ' ') + (kind.equals("password") ? " field" : ""),
								evidence));
					}
					catch (RuntimeException ex) {
						log.warn("Could not file a payload-scan finding for call {}: {}", callId, ex.toString());
					}
				}
			}
		});
	}

	@Override
	public void close() {
		executor.shutdown();
	}

}
