package dev.gatehouse;

import dev.gatehouse.support.WebSession;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicFormRateLimitSystemTests {

	@LocalServerPort
	int port;

	@Test
	void passwordResetWhenOneAddressPostsTooOftenThenTooManyRequestsWithRetryAfter() {
		var web = new WebSession(port);
		web.get("/password-reset");
		int ok = 0;
		for (int i = 0; i < 10; i++) {
			if (web.post("/password-reset", Map.of("email", "nobody-" + i + "@example.test")).statusCode() == 200) {
				ok++;
			}
		}

		var limited = web.post("/password-reset", Map.of("email", "one-more@example.test"));

		assertThat(ok).isEqualTo(10);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(new WebSession(port).get("/password-reset").statusCode()).as("another address, and GET").isEqualTo(200);
	}

}
