package dev.gatehouse.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Pages and APIs while every pooled connection is taken: the test holds them all itself, so a request
 * cannot get one whatever else runs, and gives up after {@code gatehouse.db.connection-timeout}. A
 * visitor's page, a signed-in user's (whose session is read from the database) and an API call
 * (whose token is looked up there) each answer 503 with Retry-After, then work again.
 * Its own small pool (a context of its own, closed afterwards) so no other test waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gatehouse.db.pool-size=4", "gatehouse.db.connection-timeout=1s" })
@DirtiesContext
class BusyDatabaseSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void pageWhenEveryPooledConnectionIsTakenThen503WithRetryAfterAndTheBusyPage() throws Exception {
		var anonymous = new WebSession(port);
		var signedIn = signedIn();
		String token = tokens.create(signedIn.user, "ci", Set.of(ApiScope.APPS_READ), 1).token();

		List<HttpResponse<String>> busy = new ArrayList<>();
		List<Connection> held = takeEveryConnection();
		try {
			busy.add(anonymous.get("/marketplace"));
			busy.add(signedIn.web.get("/developer/enforcement"));
			busy.add(api(token));
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}

		assertThat(busy).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).contains("Gatehouse is busy right now");
		});
		assertThat(busy.getLast().headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(busy.getLast().body()).contains("/problems/busy");
		assertThat(anonymous.get("/marketplace").statusCode()).isEqualTo(200);
		assertThat(signedIn.web.get("/developer/enforcement").statusCode()).isEqualTo(200);
		assertThat(api(token).statusCode()).isEqualTo(200);
	}

	private SignedIn signedIn() {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = new WebSession(port);
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", Map.of("code", TestUsers.code(user.secret(), 0)));
		assertThat(web.get("/developer/enforcement").statusCode()).isEqualTo(200);
		return new SignedIn(user.user().id(), web);
	}

	private HttpResponse<String> api(String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/apps"))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Every connection the pool may open; background jobs hold one only briefly, so this waits them out. */
	private List<Connection> takeEveryConnection() throws SQLException {
		List<Connection> held = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (held.size() < dataSource.getMaximumPoolSize()) {
			try {
				held.add(dataSource.getConnection());
			}
			catch (SQLException timedOut) {
				if (System.nanoTime() > deadline) {
					for (Connection connection : held) {
						connection.close();
					}
					throw timedOut;
				}
			}
		}
		return held;
	}

	private record SignedIn(UserId user, WebSession web) {
	}

}
