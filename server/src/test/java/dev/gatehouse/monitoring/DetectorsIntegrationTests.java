package dev.gatehouse.monitoring;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.gateway.Throttles;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each anomaly detector against generated access-log data: a suspicious app next to a normal one,
 * both in the same run. The data is written through the access log's writer; the thresholds are
 * those of the pack in force, and each pattern exceeds every bundled pack's threshold.
 */
@SpringBootTest
class DetectorsIntegrationTests {

	@Autowired
	AccessLog accessLog;

	@Autowired
	Monitoring monitoring;

	@Autowired
	Findings findings;

	@Autowired
	Throttles throttles;

	@Autowired
	LegalDocuments legal;

	final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Test
	void probingWhenBurstOfRefusalsOutsideScopesThenFindingAndNormalAppQuiet() {
		UUID prober = UUID.randomUUID();
		UUID normal = UUID.randomUUID();
		record(IntStream.range(0, 80).mapToObj(i -> call(prober, UUID.randomUUID(), now.minusSeconds(200 - i), "patients.read",
				"GET", 403, "insufficient_scope", 1_000, "198.51.100.7", List.of())));
		record(IntStream.range(0, 6).mapToObj(i -> call(normal, UUID.randomUUID(), now.minusSeconds(200 - i), "patients.read",
				"GET", 403, "insufficient_scope", 1_000, "198.51.100.8", List.of())));
		record(IntStream.range(0, 40).mapToObj(i -> call(normal, UUID.randomUUID(), now.minusSeconds(100 - i),
				"appointments.list", "GET", 200, null, 1_000, "198.51.100.8", List.of())));

		monitoring.runNow("operator@test");

		Finding finding = only(prober, "check.anomaly.probing");
		assertThat(finding.clauseId()).isEqualTo(clauseOf("check.anomaly.probing"));
		assertThat(finding.evidence()).containsEntry("refusedCalls", 80).containsKey("windowStart");
		assertThat(monitoringFindings(normal)).isEmpty();
	}

	@Test
	void spamWhenMessagesAboveHourlyRateThenFindingAndNormalAppQuiet() {
		UUID spammer = UUID.randomUUID();
		UUID normal = UUID.randomUUID();
		record(IntStream.range(0, 700).mapToObj(i -> call(spammer, UUID.randomUUID(), now.minusSeconds(1_000 - i),
				"messages.send", "POST", 201, null, 2_000, "198.51.100.9", List.of("contact", "messages"))));
		record(IntStream.range(0, 40).mapToObj(i -> call(normal, UUID.randomUUID(), now.minusSeconds(1_000 - i),
				"messages.send", "POST", 201, null, 2_000, "198.51.100.10", List.of("contact", "messages"))));

		monitoring.runNow("operator@test");

		Finding finding = only(spammer, "check.anomaly.spam");
		assertThat(finding.clauseId()).isEqualTo(clauseOf("check.anomaly.spam"));
		assertThat(finding.evidence()).containsEntry("messages", 700);
		assertThat(monitoringFindings(normal)).isEmpty();
	}

	@Test
	void credentialSharingWhenOneInstallationCallsFromManyNetworksThenFindingAndNormalAppQuiet() {
		UUID sharer = UUID.randomUUID();
		UUID sharedInstallation = UUID.randomUUID();
		UUID normal = UUID.randomUUID();
		UUID normalInstallation = UUID.randomUUID();
		List<ApiCall> calls = new ArrayList<>();
		for (int net = 0; net < 12; net++) {
			calls.add(call(sharer, sharedInstallation, now.minusSeconds(600 + net), "appointments.list", "GET", 200, null,
					1_000, "203.0." + (10 + net) + ".5", List.of()));
		}
		for (int i = 0; i < 30; i++) {
			// One office network and one cloud network, many hosts in each: two networks.
			calls.add(call(normal, normalInstallation, now.minusSeconds(600 + i), "appointments.list", "GET", 200, null, 1_000,
					(i % 2 == 0 ? "192.0.2." : "2001:db8:1:7::") + (i + 1), List.of()));
		}
		record(calls.stream());

		monitoring.runNow("operator@test");

		Finding finding = only(sharer, "check.anomaly.credential-sharing");
		assertThat(finding.clauseId()).isEqualTo(clauseOf("check.anomaly.credential-sharing"));
		assertThat(finding.evidence()).containsEntry("networks", 12).containsEntry("installation", sharedInstallation.toString());
		assertThat(monitoringFindings(normal)).isEmpty();
	}

	@Test
	void exfiltrationWhenOneDaysReadsFarAboveTheInstallationsBaselineThenFindingAndSteadyInstallationQuiet() {
		UUID reader = UUID.randomUUID();
		UUID readerInstallation = UUID.randomUUID();
		UUID steady = UUID.randomUUID();
		UUID steadyInstallation = UUID.randomUUID();
		List<ApiCall> calls = new ArrayList<>();
		for (int day = 2; day <= 20; day++) {
			Instant at = now.minus(Duration.ofDays(day));
			calls.add(read(reader, readerInstallation, at, 20));
			for (int i = 0; i < 3; i++) {
				calls.add(read(steady, steadyInstallation, at.plusSeconds(i), 100));
			}
		}
		// Last day: the reader pulls 3,000 subjects; the steady installation reads as usual.
		for (int i = 0; i < 30; i++) {
			calls.add(read(reader, readerInstallation, now.minusSeconds(3_600 + i), 100));
		}
		for (int i = 0; i < 3; i++) {
			calls.add(read(steady, steadyInstallation, now.minusSeconds(3_600 + i), 100));
		}
		record(calls.stream());

		monitoring.runNow("operator@test");

		Finding finding = only(reader, "check.anomaly.exfiltration");
		assertThat(finding.clauseId()).isEqualTo(clauseOf("check.anomaly.exfiltration"));
		assertThat(finding.evidence()).containsEntry("readsLastDay", 3_000)
			.containsEntry("installation", readerInstallation.toString());
		assertThat(monitoringFindings(steady)).isEmpty();
	}

	@Test
	void loadWhenAppsCallsFailOnThePlatformThenFindingWithThrottleAndHealthyAppQuiet() {
		UUID heavy = UUID.randomUUID();
		UUID healthy = UUID.randomUUID();
		record(IntStream.range(0, 200).mapToObj(i -> call(heavy, UUID.randomUUID(), now.minusSeconds(900 - i),
				"patients.list", "GET", i % 2 == 0 ? 502 : 200, i % 2 == 0 ? "upstream_unavailable" : null, 30_000,
				"198.51.100.20", List.of())));
		record(IntStream.range(0, 200).mapToObj(i -> call(healthy, UUID.randomUUID(), now.minusSeconds(900 - i),
				"patients.list", "GET", i == 0 ? 500 : 200, null, 30_000, "198.51.100.21", List.of())));

		monitoring.runNow("operator@test");

		Finding finding = only(heavy, "check.anomaly.load");
		assertThat(finding.clauseId()).isEqualTo(clauseOf("check.anomaly.load"));
		assertThat(finding.evidence()).containsEntry("upstreamErrors", 100);
		if (rule("check.anomaly.load").map(r -> Boolean.TRUE.equals(r.params().get("throttle"))).orElse(false)) {
			assertThat(throttles.active()).anySatisfy(t -> {
				assertThat(t.appId()).isEqualTo(heavy);
				assertThat(t.installationId()).isNull();
			});
			assertThat(finding.evidence()).containsKey("throttle");
		}
		assertThat(monitoringFindings(healthy)).isEmpty();
		assertThat(throttles.active()).noneMatch(t -> t.appId().equals(healthy));
	}

	@Test
	void runNowWhenDetectorsRunThenEachIsRecordedWithItsTime() {
		List<DetectorRun> runs = monitoring.runNow("operator@test");

		assertThat(runs).extracting(DetectorRun::detector)
			.contains("check.unused-scopes", "check.anomaly.probing", "check.anomaly.spam",
					"check.anomaly.credential-sharing", "check.anomaly.exfiltration", "check.anomaly.load",
					"check.staleness");
		assertThat(runs).allSatisfy(run -> assertThat(run.error()).isNull());
		assertThat(monitoring.recentRuns(20)).extracting(DetectorRun::runId).contains(runs.getFirst().runId());
	}

	private ApiCall read(UUID app, UUID installation, Instant at, int subjects) {
		List<String> ids = IntStream.range(0, subjects).mapToObj(i -> "p-" + UUID.randomUUID()).toList();
		return new ApiCall(UUID.randomUUID(), at.truncatedTo(ChronoUnit.MICROS), app, "client-" + app, installation,
				UUID.nameUUIDFromBytes(installation.toString().getBytes()), "patients.list", "GET", "/v1/patients", 200,
				1_000, 0, 4_096, List.of("patients:read"), List.of("contact", "health"), ids, "192.0.2.1", null);
	}

	private static ApiCall call(UUID app, UUID installation, Instant at, String route, String method, int status,
			String rejection, long latencyMicros, String address, List<String> categories) {
		return new ApiCall(UUID.randomUUID(), at.truncatedTo(ChronoUnit.MICROS), app, "client-" + app, installation,
				UUID.randomUUID(), route, method, "/v1/" + route.replace('.', '/'), status, latencyMicros, 10, 100,
				List.of(), categories, List.of(), address, rejection);
	}

	private void record(java.util.stream.Stream<ApiCall> calls) {
		calls.forEach(accessLog::record);
		accessLog.flush();
	}

	private List<Finding> monitoringFindings(UUID app) {
		return findings.forSubject("app", app.toString()).stream().filter(f -> "monitoring".equals(f.source())).toList();
	}

	private Finding only(UUID app, String mechanism) {
		List<Finding> found = monitoringFindings(app);
		assertThat(found).hasSize(1);
		assertThat(found.getFirst().evidence()).containsEntry("mechanism", mechanism);
		return found.getFirst();
	}

	private Optional<PolicyPack.MechanismUse> rule(String mechanism) {
		return legal.currentPack().flatMap(pack -> pack.clauses().stream().flatMap(c -> c.mechanisms().stream())
			.filter(m -> m.id().equals(mechanism)).findFirst());
	}

	private String clauseOf(String mechanism) {
		return legal.currentPack().orElseThrow().clauses().stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(mechanism)))
			.findFirst().orElseThrow().id();
	}

}
