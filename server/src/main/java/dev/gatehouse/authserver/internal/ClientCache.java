package dev.gatehouse.authserver.internal;

import dev.gatehouse.shared.crypto.Sha256;
import dev.gatehouse.apps.AppEvents;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * What a node remembers about clients for a short time (one second by default): the client built
 * from the registry, or that there is none, and secrets it already verified. Every token request
 * authenticates its client and looks it up several times; without this, each costs database reads.
 * A change in the registry on this node clears it at once; other nodes see it within the time.
 * Remembered secrets are kept only as SHA-256 digests.
 */
final class ClientCache {

	/** Beyond this many entries the cache starts over, so random client ids cannot fill the heap. */
	static final int MAX_ENTRIES = 10_000;

	private final long ttlNanos;

	private final Map<String, Entry<Optional<RegisteredClient>>> clients = new ConcurrentHashMap<>();

	private final Map<String, Entry<Boolean>> secrets = new ConcurrentHashMap<>();

	ClientCache(Duration ttl) {
		this.ttlNanos = ttl.toNanos();
	}

	/** How old a remembered client may be when it is asked for while a database row is being read. */
	static final Duration LENIENT_LIMIT = Duration.ofSeconds(10);

	RegisteredClient client(String clientId, Supplier<RegisteredClient> load) {
		return fresh(clients, clientId, () -> Optional.ofNullable(load.get())).orElse(null);
	}

	/**
	 * For lookups made while a result set is open (the framework maps an authorization row and
	 * looks up its client meanwhile): a remembered client up to {@link #LENIENT_LIMIT} old is good
	 * enough, because loading it would take a second pool connection while the first is held, and
	 * under load every connection can end up waiting for another. Registry events still clear it.
	 */
	RegisteredClient lenient(String clientId, Supplier<RegisteredClient> load) {
		Entry<Optional<RegisteredClient>> known = clients.get(clientId);
		if (known != null && System.nanoTime() - known.loadedAt() < Math.max(ttlNanos, LENIENT_LIMIT.toNanos())) {
			return known.value().orElse(null);
		}
		return client(clientId, load);
	}

	/** Only matches are remembered: a wrong secret always reaches the registry. */
	boolean secretMatches(String clientId, String secret, Supplier<Boolean> check) {
		String key = clientId + ':' + sha256(secret);
		Entry<Boolean> known = secrets.get(key);
		if (known != null && System.nanoTime() - known.loadedAt() < ttlNanos) {
			return true;
		}
		boolean matches = check.get();
		if (matches) {
			put(secrets, key, new Entry<>(true, System.nanoTime()));
		}
		return matches;
	}

	@EventListener({ AppEvents.AppStatusChanged.class, AppEvents.RevisionDecided.class, AppEvents.ClientSecretIssued.class,
			dev.gatehouse.apps.AppSanctions.AppScopesRestricted.class, dev.gatehouse.apps.AppSanctions.AppScopesRestored.class,
			AppEvents.ScopesDropped.class, dev.gatehouse.developers.OrganizationSuspensions.OrganizationSuspended.class,
			dev.gatehouse.developers.OrganizationSuspensions.OrganizationReinstated.class })
	void registryChanged() {
		clear();
	}

	void clear() {
		clients.clear();
		secrets.clear();
	}

	private <T> T fresh(Map<String, Entry<T>> map, String key, Supplier<T> load) {
		Entry<T> known = map.get(key);
		long now = System.nanoTime();
		if (known != null && now - known.loadedAt() < ttlNanos) {
			return known.value();
		}
		T value = load.get();
		put(map, key, new Entry<>(value, now));
		return value;
	}

	private static <T> void put(Map<String, Entry<T>> map, String key, Entry<T> entry) {
		if (map.size() >= MAX_ENTRIES) {
			map.clear();
		}
		map.put(key, entry);
	}

	private static String sha256(String secret) {
		return Sha256.hex(secret);
	}

	private record Entry<T>(T value, long loadedAt) {
	}

}
