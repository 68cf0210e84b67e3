package dev.gatehouse.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.support.SettableClock;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class IncidentClockTests {

	final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T08:00:00Z"));

	final Instant aware = clock.instant();

	final Duration limit = Duration.ofHours(72);

	@Test
	void clockWhenTimePassesThenRunningThenOverdueAndStoppingLateIsMetLate() {
		clock.advance(Duration.ofHours(71));
		var running = IncidentClock.of("authority", aware, limit, null, true, clock.instant());
		assertThat(running.state()).isEqualTo(IncidentClock.State.RUNNING);
		assertThat(running.remaining()).isEqualTo(Duration.ofHours(1));
		assertThat(running.late()).isFalse();

		clock.advance(Duration.ofHours(2));
		var overdue = IncidentClock.of("authority", aware, limit, null, true, clock.instant());
		assertThat(overdue.state()).isEqualTo(IncidentClock.State.OVERDUE);
		assertThat(overdue.remainingText()).isEqualTo("1 h 0 min");
		assertThat(overdue.late()).isTrue();

		var metLate = IncidentClock.of("authority", aware, limit, clock.instant(), true, clock.instant().plusSeconds(999));
		assertThat(metLate.state()).isEqualTo(IncidentClock.State.MET_LATE);
		assertThat(metLate.elapsed()).isEqualTo(Duration.ofHours(73));
	}

	@Test
	void clockWhenStoppedInTimeThenMetWhateverTheTimeNow() {
		Instant stopped = aware.plus(Duration.ofHours(10));
		clock.advance(Duration.ofDays(30));
		var met = IncidentClock.of("customers", aware, limit, stopped, true, clock.instant());
		assertThat(met.state()).isEqualTo(IncidentClock.State.MET);
		assertThat(met.elapsedText()).isEqualTo("10 h 0 min");
		assertThat(met.late()).isFalse();
	}

	@Test
	void clockWhenNoCustomerAffectedThenNotNeeded() {
		clock.advance(Duration.ofDays(10));
		assertThat(IncidentClock.of("customers", aware, limit, null, false, clock.instant()).state())
			.isEqualTo(IncidentClock.State.NOT_NEEDED);
	}

}
