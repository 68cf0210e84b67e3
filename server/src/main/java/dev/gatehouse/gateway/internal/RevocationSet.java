package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.TokenRevocations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's copy of {@code gateway.revocations}, asked on every call. A background thread reads
 * what was recorded since its last read every {@code poll} (250 ms by default), so a suspension,
 * an uninstall or a revoked token reaches every node within a second. Each read reaches back a few
 * seconds past the newest row seen: a transaction that committed late still has its rows read.
 */
final class RevocationSet implements SmartLifecycle, TokenRevocations {

	private static final Logger log = LoggerFactory.getLogger(RevocationSet.class);

	/** Rows are read again for this long after their recorded_at: the longest a writer's commit may lag. */
	private static final Duration OVERLAP = Duration.ofSeconds(10);

	private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

	private final RevocationRepository repository;

	private final Duration poll;

	private final Clock clock;

	private final ConcurrentHashMap<String, Revocation> entries = new ConcurrentHashMap<>();

	private volatile Instant newestSeen;

	private volatile Instant lastRead = Instant.EPOCH;

	private volatile Instant lastPurge = Instant.EPOCH;

	private ScheduledExecutorService poller;

	RevocationSet(RevocationRepository repository, Duration poll, Clock clock) {
		this.repository = repository;
		this.poll = poll;
		this.clock = clock;
	}

	/** Why the token is refused, or null if nothing revoked it. */
	String refusal(VerifiedToken token) {
		return entries.isEmpty() ? null
				: refusalOf(token.jti(), token.clientId(), token.appId(), token.installationId(), token.issuedAt());
	}

	@Override
	public Optional<String> refusal(String jti, String clientId, UUID appId, UUID installationId, Instant issuedAt) {
		return entries.isEmpty() ? Optional.empty()
				: Optional.ofNullable(refusalOf(jti, clientId, appId, installationId, issuedAt));
	}

	private String refusalOf(String jti, String clientId, UUID appId, UUID installationId, Instant issuedAt) {
		if (jti != null && entries.containsKey(Revocation.key("token", jti))) {
			return "The access token was revoked.";
		}
		if (revokedBefore("app", appId.toString(), issuedAt)) {
			return "The app is suspended, blocked or retired, or its tokens were revoked.";
		}
		if (installationId != null && revokedBefore("installation", installationId.toString(), issuedAt)) {
			return "The app was uninstalled from this customer account.";
		}
		if (clientId != null && revokedBefore("client", clientId, issuedAt)) {
			return "The client's tokens were revoked.";
		}
		return null;
	}

	private boolean revokedBefore(String kind, String subject, Instant issuedAt) {
		Revocation revocation = entries.get(Revocation.key(kind, subject));
		return revocation != null && issuedAt.isBefore(revocation.notBefore());
	}

	/** Reads new rows now; the poller calls this, and so may a writer right after its commit. */
	synchronized void refresh() {
		Instant since = newestSeen == null ? null : newestSeen.minus(OVERLAP);
		List<Revocation> rows = repository.since(since);
		for (Revocation row : rows) {
			entries.merge(row.key(), row, (old, fresh) -> fresh.notBefore().isAfter(old.notBefore()) ? fresh : old);
			if (newestSeen == null || row.recordedAt().isAfter(newestSeen)) {
				newestSeen = row.recordedAt();
			}
		}
		if (newestSeen == null) {
			newestSeen = Instant.EPOCH;
		}
		Instant now = clock.instant();
		lastRead = now;
		if (now.isAfter(lastPurge.plus(PURGE_EVERY))) {
			lastPurge = now;
			entries.values().removeIf(entry -> entry.expiresAt().isBefore(now));
			repository.purgeExpired();
		}
	}

	/** When this node last read the table; for the health of the gateway. */
	Instant lastRead() {
		return lastRead;
	}

	int size() {
		return entries.size();
	}

	@Override
	public void start() {
		refresh();
		poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-revocations").daemon().factory());
		poller.scheduleWithFixedDelay(this::refreshQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// The database is away: keep what we have and try again at the next tick.
			log.warn("Could not read gateway revocations: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		if (poller != null) {
			poller.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return poller != null && !poller.isShutdown();
	}

}
