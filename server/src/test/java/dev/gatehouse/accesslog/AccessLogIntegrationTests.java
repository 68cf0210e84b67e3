package dev.gatehouse.accesslog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.accesslog.TestCalls.call;
import static dev.gatehouse.accesslog.TestCalls.onRoute;
import static dev.gatehouse.accesslog.TestCalls.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest
class AccessLogIntegrationTests {

	@Autowired
	AccessLog accessLog;

	@Autowired
	JdbcClient jdbc;

	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	final UUID app = UUID.randomUUID();

	final UUID installation = UUID.randomUUID();

	final UUID account = UUID.randomUUID();

	@Test
	void recordWhenFlushedThenEveryFieldAndEverySubjectIsWritten() {
		// Text that CSV, array literals and PostgreSQL text each have to escape or refuse.
		String awkward = "a \"quoted\", back\\slash\nnew line\ttab {brace} NULL \u0000end é";
		var call = new ApiCall(UUID.randomUUID(), now.minusSeconds(5).plusNanos(123_456_000), app, "client,1",
				installation, account, "patients.get", "GET", "/v1/patients/" + awkward, 404, 12_345, 17, 4_096,
				List.of("patients:read", awkward), List.of("patients", "health"), List.of("p-1", awkward, "", "p-1"),
				"2001:db8::1", "not_found \"x\"");

		accessLog.record(call);
		accessLog.flush();

		var stored = accessLog.calls(CallQuery.between(now.minusSeconds(60), now, 10).app(app));
		String clean = awkward.replace("\u0000", "");
		assertThat(stored).singleElement().satisfies(s -> {
			assertThat(s.id()).isEqualTo(call.id());
			assertThat(s.occurredAt()).isEqualTo(call.occurredAt());
			assertThat(s.clientId()).isEqualTo("client,1");
			assertThat(s.installationId()).isEqualTo(installation);
			assertThat(s.customerAccountId()).isEqualTo(account);
			assertThat(s.routeId()).isEqualTo("patients.get");
			assertThat(s.path()).isEqualTo("/v1/patients/" + clean);
			assertThat(s.status()).isEqualTo(404);
			assertThat(s.latencyMicros()).isEqualTo(12_345);
			assertThat(s.requestBytes()).isEqualTo(17);
			assertThat(s.responseBytes()).isEqualTo(4_096);
			assertThat(s.scopes()).containsExactly("patients:read", clean);
			assertThat(s.dataCategories()).containsExactly("patients", "health");
			assertThat(s.subjectIds()).containsExactly("p-1", clean, "", "p-1");
			assertThat(s.clientAddress()).isEqualTo("2001:db8::1");
			assertThat(s.rejection()).isEqualTo("not_found \"x\"");
		});
		// One touch per distinct, non-empty subject.
		assertThat(jdbc.sql("select subject_id from accesslog.subject_touches where call_id = :id order by subject_id")
			.param("id", call.id())
			.query(String.class)
			.list()).containsExactlyInAnyOrder("p-1", clean);
	}

	@Test
	void recordWhenTheCallHasNoAccountThenNoSubjectTouchIsWritten() {
		var call = call(app, null, null, now.minusSeconds(1), "p-1");

		accessLog.record(call);
		accessLog.flush();

		assertThat(accessLog.calls(CallQuery.between(now.minusSeconds(60), now, 10).app(app))).hasSize(1);
		assertThat(jdbc.sql("select count(*) from accesslog.subject_touches where call_id = :id")
			.param("id", call.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void appsTouchingSubjectWhenTwoAppsTouchedItThenEachIsListedWithinTheWindowOnly() {
		UUID otherApp = UUID.randomUUID();
		UUID otherInstallation = UUID.randomUUID();
		var first = call(app, installation, account, now.minus(Duration.ofHours(5)), "s-1", "s-2");
		var second = onRoute(call(app, installation, account, now.minus(Duration.ofHours(2)), "s-1"), "patients.get",
				List.of("patients:read"), List.of("patients", "health"), 10);
		var other = call(otherApp, otherInstallation, account, now.minus(Duration.ofHours(1)), "s-1");
		var outside = call(otherApp, otherInstallation, account, now.minus(Duration.ofDays(3)), "s-1");
		var otherAccount = call(app, UUID.randomUUID(), UUID.randomUUID(), now.minus(Duration.ofHours(1)), "s-1");
		List.of(first, second, other, outside, otherAccount).forEach(accessLog::record);
		accessLog.flush();

		var touches = accessLog.appsTouchingSubject(account, "s-1", now.minus(Duration.ofDays(1)), now);

		assertThat(touches).containsExactly(
				new AppTouch(otherApp, otherInstallation, other.occurredAt(), other.occurredAt(), 1, List.of("appointments")),
				new AppTouch(app, installation, first.occurredAt(), second.occurredAt(), 2,
						List.of("appointments", "health", "patients")));
		assertThat(accessLog.appsTouchingSubject(account, "s-2", now.minus(Duration.ofHours(3)), now)).isEmpty();
	}

	@Test
	void subjectsTouchedWhenTheAppServedTwoAccountsThenSubjectsAreCountedPerAccountAndCategory() {
		UUID secondAccount = UUID.randomUUID();
		accessLog.record(call(app, installation, account, now.minusSeconds(30), "a", "b"));
		accessLog.record(onRoute(call(app, installation, account, now.minusSeconds(20), "b", "c"), "patients.get",
				List.of("patients:read"), List.of("patients"), 10));
		accessLog.record(call(app, UUID.randomUUID(), secondAccount, now.minusSeconds(10), "a"));
		accessLog.record(call(UUID.randomUUID(), installation, account, now.minusSeconds(10), "z"));
		accessLog.flush();

		var touched = accessLog.subjectsTouched(app, now.minusSeconds(60), now);

		assertThat(touched).hasSize(2)
			.contains(new AccountSubjects(account, List.of("a", "b", "c"), Map.of("appointments", 2L, "patients", 2L), 4),
					new AccountSubjects(secondAccount, List.of("a"), Map.of("appointments", 1L), 1));
	}

	@Test
	void subjectsTouchedWhenStreamedForTwoAppsThenOneRowPerSubjectAppAndCategorySetWithItsCalls() {
		UUID otherApp = UUID.randomUUID();
		accessLog.record(call(app, installation, account, now.minusSeconds(30), "a", "b", "a"));
		accessLog.record(call(app, installation, account, now.minusSeconds(25), "a"));
		accessLog.record(onRoute(call(app, installation, account, now.minusSeconds(20), "a"), "patients.get",
				List.of("patients:read"), List.of("patients", "contact"), 10));
		accessLog.record(call(otherApp, UUID.randomUUID(), account, now.minusSeconds(15), "b"));
		accessLog.record(call(app, installation, account, now.minusSeconds(90), "outside-the-window"));
		accessLog.record(call(UUID.randomUUID(), installation, account, now.minusSeconds(10), "another-app"));
		accessLog.flush();

		List<SubjectTouches> rows = new ArrayList<>();
		accessLog.subjectsTouched(List.of(app, otherApp), now.minusSeconds(60), now, rows::add);

		assertThat(rows).containsExactlyInAnyOrder(
				new SubjectTouches(account, "a", app, List.of("appointments"), 2),
				new SubjectTouches(account, "a", app, List.of("patients", "contact"), 1),
				new SubjectTouches(account, "b", app, List.of("appointments"), 1),
				new SubjectTouches(account, "b", otherApp, List.of("appointments"), 1));
	}

	@Test
	void callsWhenPagedThenNewestFirstWithoutGapsOrOverlap() {
		List<ApiCall> recorded = new ArrayList<>();
		Instant sameTime = now.minusSeconds(100);
		for (int i = 0; i < 7; i++) {
			// Three calls share one time stamp: the cursor must still separate them.
			var call = call(app, installation, account, i < 3 ? sameTime : now.minusSeconds(100 - i), "s-" + i);
			recorded.add(call);
			accessLog.record(call);
		}
		accessLog.record(call(app, UUID.randomUUID(), UUID.randomUUID(), now.minusSeconds(50), "s-1"));
		accessLog.flush();

		var query = CallQuery.between(now.minusSeconds(200), now, 3).app(app).installation(installation);
		List<ApiCall> pages = new ArrayList<>();
		List<ApiCall> page = accessLog.calls(query);
		while (!page.isEmpty()) {
			pages.addAll(page);
			page = accessLog.calls(query.after(page.getLast()));
		}

		assertThat(pages).extracting(ApiCall::id)
			.containsExactlyInAnyOrderElementsOf(recorded.stream().map(ApiCall::id).toList())
			.doesNotHaveDuplicates();
		assertThat(pages).extracting(ApiCall::occurredAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(accessLog.calls(CallQuery.between(now.minusSeconds(200), now, 10).account(account).subject("s-4")))
			.singleElement()
			.satisfies(c -> assertThat(c.id()).isEqualTo(recorded.get(4).id()));
	}

	@Test
	void lastCallsWhenSomeInstallationsCalledThenOnlyTheyHaveATime() {
		UUID silent = UUID.randomUUID();
		accessLog.record(call(app, installation, account, now.minus(Duration.ofDays(2))));
		accessLog.record(call(app, installation, account, now.minusSeconds(7)));
		accessLog.flush();

		assertThat(accessLog.lastCalls(List.of(installation, silent)))
			.containsExactly(Map.entry(installation, now.minusSeconds(7)));
		assertThat(accessLog.lastCalls(List.of())).isEmpty();
	}

	@Test
	void trafficWhenCallsFailOrAreRateLimitedThenBucketsCountThemApart() {
		Instant from = now.minus(Duration.ofHours(3));
		accessLog.record(onRoute(call(app, installation, account, from.plusSeconds(60)), "a", List.of("x:read"),
				List.of(), 1_000));
		accessLog.record(onRoute(withStatus(call(app, installation, account, from.plusSeconds(120)), 429, "rate_limited"),
				"a", List.of("x:write"), List.of(), 3_000));
		accessLog.record(onRoute(withStatus(call(app, installation, account, from.plusSeconds(3_700)), 503, null), "b",
				List.of("y:read"), List.of(), 9_000));
		accessLog.record(onRoute(withStatus(call(app, installation, account, from.plusSeconds(3_800)), 403,
				"insufficient_scope"), "b", List.of("z:read"), List.of(), 500));
		accessLog.record(call(UUID.randomUUID(), installation, account, from.plusSeconds(60)));
		accessLog.flush();

		var buckets = accessLog.traffic(app, from, now, Duration.ofHours(1));

		assertThat(buckets).containsExactly(new TrafficBucket(from, 2, 0, 1, 1_000, 3_000),
				new TrafficBucket(from.plus(Duration.ofHours(1)), 2, 2, 0, 500, 9_000),
				new TrafficBucket(from.plus(Duration.ofHours(2)), 0, 0, 0, 0, 0));
		assertThat(accessLog.topRoutes(app, from, now, 10)).containsExactly(new RouteTraffic("a", 2, 0, 1, 3_000),
				new RouteTraffic("b", 2, 2, 0, 9_000));
		assertThat(accessLog.scopesUsed(app, from, now)).containsExactly("x:read");
		assertThat(accessLog.trafficByApp(from, now, 1000)).filteredOn(t -> app.equals(t.appId()))
			.containsExactly(new AppTraffic(app, 4, 2, 1, from.plusSeconds(3_800)));
		assertThat(TrafficBucket.isError(429)).isFalse();
		assertThat(TrafficBucket.isError(404)).isTrue();
	}

	@Test
	void trafficWhenTheWindowIsBackwardsOrHasTooManyBucketsThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> accessLog.traffic(null, now, now.minusSeconds(1),
				Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> accessLog.traffic(null, now.minus(Duration.ofDays(30)), now,
				Duration.ofMinutes(1)));
	}

}
