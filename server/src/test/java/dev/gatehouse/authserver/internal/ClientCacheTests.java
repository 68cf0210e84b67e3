package dev.gatehouse.authserver.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCacheTests {

	static final RegisteredClient CLIENT = RegisteredClient.withId("c1")
		.clientId("c1")
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.build();

	@Test
	void clientWhenAskedAgainWithinTheTimeThenLoadedOnce() {
		var cache = new ClientCache(Duration.ofMinutes(1));
		var loads = new AtomicInteger();

		cache.client("c1", () -> { loads.incrementAndGet(); return CLIENT; });
		var second = cache.client("c1", () -> { loads.incrementAndGet(); return CLIENT; });

		assertThat(second).isSameAs(CLIENT);
		assertThat(loads).hasValue(1);
	}

	@Test
	void clientWhenUnknownThenTheAbsenceIsRememberedToo() {
		var cache = new ClientCache(Duration.ofMinutes(1));
		var loads = new AtomicInteger();

		cache.client("nobody", () -> { loads.incrementAndGet(); return null; });

		assertThat(cache.client("nobody", () -> { loads.incrementAndGet(); return CLIENT; })).isNull();
		assertThat(loads).hasValue(1);
	}

	@Test
	void clientWhenTimeIsUpThenLoadedAgain() throws InterruptedException {
		var cache = new ClientCache(Duration.ofMillis(20));
		var loads = new AtomicInteger();
		cache.client("c1", () -> { loads.incrementAndGet(); return CLIENT; });

		Thread.sleep(40);
		cache.client("c1", () -> { loads.incrementAndGet(); return null; });

		assertThat(loads).hasValue(2);
	}

	@Test
	void clientWhenRegistryChangedThenForgottenAtOnce() {
		var cache = new ClientCache(Duration.ofMinutes(1));
		cache.client("c1", () -> CLIENT);

		cache.registryChanged();

		assertThat(cache.client("c1", () -> null)).isNull();
	}

	@Test
	void secretWhenWrongThenNeverRememberedAndWhenRightThenRemembered() {
		var cache = new ClientCache(Duration.ofMinutes(1));
		var checks = new AtomicInteger();

		assertThat(cache.secretMatches("c1", "wrong", () -> { checks.incrementAndGet(); return false; })).isFalse();
		assertThat(cache.secretMatches("c1", "wrong", () -> { checks.incrementAndGet(); return false; })).isFalse();
		assertThat(cache.secretMatches("c1", "right", () -> { checks.incrementAndGet(); return true; })).isTrue();
		assertThat(cache.secretMatches("c1", "right", () -> { checks.incrementAndGet(); return false; })).isTrue();
		// Another client with the same secret is checked on its own.
		assertThat(cache.secretMatches("c2", "right", () -> { checks.incrementAndGet(); return false; })).isFalse();

		assertThat(checks).hasValue(4);
	}

}
