package dev.gatehouse.incidents;

import java.time.Duration;
import java.time.Instant;

/**
 * One of an incident's two clocks: from the platform's awareness to the authority notified, and to
 * every affected customer notified, each against the policy pack's breach notification hours.
 *
 * @param stoppedAt when what the clock waits for was done; {@code null} while running
 * @param elapsed from the start to the stop, or to now while running
 * @param remaining until the deadline (negative once past); zero once stopped
 */
public record IncidentClock(String name, Instant startedAt, Instant dueAt, Instant stoppedAt, Duration elapsed,
		Duration remaining, State state) {

	public enum State {
		/** Running, within the deadline. */
		RUNNING,
		/** Running, past the deadline. */
		OVERDUE,
		/** Stopped within the deadline. */
		MET,
		/** Stopped after the deadline. */
		MET_LATE,
		/** Nothing to wait for (no customer was affected). */
		NOT_NEEDED
	}

	public static IncidentClock of(String name, Instant start, Duration limit, Instant stoppedAt, boolean needed,
			Instant now) {
		Instant due = start.plus(limit);
		if (!needed) {
			return new IncidentClock(name, start, due, null, Duration.ZERO, Duration.ZERO, State.NOT_NEEDED);
		}
		if (stoppedAt != null) {
			return new IncidentClock(name, start, due, stoppedAt, Duration.between(start, stoppedAt), Duration.ZERO,
					stoppedAt.isAfter(due) ? State.MET_LATE : State.MET);
		}
		return new IncidentClock(name, start, due, null, Duration.between(start, now), Duration.between(now, due),
				now.isAfter(due) ? State.OVERDUE : State.RUNNING);
	}

	/** Late, or still running past the deadline: what pages highlight. */
	public boolean late() {
		return state == State.OVERDUE || state == State.MET_LATE;
	}

	public String elapsedText() {
		return format(elapsed);
	}

	/** Time left, or how far past the deadline, without a sign. */
	public String remainingText() {
		return format(remaining.abs());
	}

	/** "37 h 12 min" */
	public static String format(Duration duration) {
		Duration d = duration.abs();
		return (duration.isNegative() ? "-" : "") + d.toHours() + " h " + d.toMinutesPart() + " min";
	}

}
