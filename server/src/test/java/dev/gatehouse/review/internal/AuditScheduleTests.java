package dev.gatehouse.review.internal;

import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPackParser;
import dev.gatehouse.review.ReviewProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class AuditScheduleTests {

	static final ReviewProperties DEFAULTS = new ReviewProperties("0 30 2 * * *", Duration.ofSeconds(5), true,
			Duration.ofSeconds(30), false, 7, Duration.ofDays(400), Duration.ofDays(200), Duration.ofDays(100),
			"0 0 * * * *", Duration.ofDays(3), DataSize.ofMegabytes(10), 10);

	@Test
	void tierWhenScopesMixedThenTheHighestTierCounts() {
		var basic = new RequestedScope(TestApps.READ_APPOINTMENTS.name(), "x", null);
		var sensitive = new RequestedScope(TestApps.CHARGE.name(), "x", null);
		var restricted = new RequestedScope(TestApps.READ_PATIENTS.name(), "x", "e");

		assertThat(AuditSchedule.tier(List.of(basic), TestApps.catalogue())).isEqualTo(ScopeTier.BASIC);
		assertThat(AuditSchedule.tier(List.of(basic, sensitive), TestApps.catalogue())).isEqualTo(ScopeTier.SENSITIVE);
		assertThat(AuditSchedule.tier(List.of(sensitive, restricted, basic), TestApps.catalogue())).isEqualTo(ScopeTier.RESTRICTED);
		assertThat(AuditSchedule.tier(List.of(), TestApps.catalogue())).isEqualTo(ScopeTier.BASIC);
	}

	@Test
	void intervalWhenPackHasFlowAuditThenItsDaysWhenNotThenTheSettings() throws Exception {
		PolicyPack reference;
		try (var in = getClass().getResourceAsStream("/policy-packs/reference.yaml")) {
			reference = PolicyPackParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).pack();
		}
		PolicyPack withoutAudit = new PolicyPack(reference.id(), reference.name(), reference.version(),
				reference.platformName(), reference.summary(), reference.appTypes(), reference.deadlines(), reference.brand(),
				reference.wordLists(), reference.prohibitedCategories(), reference.clauses()
					.stream()
					.filter(c -> c.mechanisms().stream().noneMatch(m -> m.id().equals("flow.audit")))
					.toList(), reference.penaltyLadder(), reference.triage());

		assertThat(AuditSchedule.interval(reference, ScopeTier.RESTRICTED, DEFAULTS)).isEqualTo(Duration.ofDays(90));
		assertThat(AuditSchedule.interval(reference, ScopeTier.SENSITIVE, DEFAULTS)).isEqualTo(Duration.ofDays(180));
		assertThat(AuditSchedule.interval(reference, ScopeTier.BASIC, DEFAULTS)).isEqualTo(Duration.ofDays(365));
		assertThat(AuditSchedule.interval(withoutAudit, ScopeTier.RESTRICTED, DEFAULTS)).isEqualTo(Duration.ofDays(100));
		assertThat(AuditSchedule.interval(null, ScopeTier.BASIC, DEFAULTS)).isEqualTo(Duration.ofDays(400));
	}

	@Test
	void nextDueWhenAuditedBeforeThenFromTheLastAuditElseFromFirstLive() {
		Instant live = Instant.parse("2026-01-01T00:00:00Z");
		Instant audited = Instant.parse("2026-06-01T00:00:00Z");

		assertThat(AuditSchedule.nextDue(null, live, Duration.ofDays(90))).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
		assertThat(AuditSchedule.nextDue(audited, live, Duration.ofDays(90))).isEqualTo(Instant.parse("2026-08-30T00:00:00Z"));
		assertThat(AuditSchedule.nextDue(null, null, Duration.ofDays(90))).isNull();
	}

}
