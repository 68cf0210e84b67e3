package dev.gatehouse.accesslog.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowsTests {

	@Test
	void instantWhenFormattedThenParsesBackToTheSameMicrosecond() {
		var random = ThreadLocalRandom.current();
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
					random.nextInt(1_000_000_000));
			String text = CsvRows.instant(new StringBuilder(), instant).toString();
			assertThat(Instant.parse(text)).as(text).isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
		}
	}

	@Test
	void instantWhenOnTheEdgesOfADayThenExact() {
		assertThat(CsvRows.instant(new StringBuilder(), Instant.parse("2026-12-31T23:59:59.999999999Z")))
			.hasToString("2026-12-31T23:59:59.999999Z");
		assertThat(CsvRows.instant(new StringBuilder(), Instant.parse("2027-01-01T00:00:00Z")))
			.hasToString("2027-01-01T00:00:00.000000Z");
		assertThat(CsvRows.instant(new StringBuilder(), Instant.parse("1969-12-31T23:59:59.000001Z")))
			.hasToString("1969-12-31T23:59:59.000001Z");
	}

}
