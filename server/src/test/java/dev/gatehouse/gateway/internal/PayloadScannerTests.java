package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadScannerTests {

	private final PayloadScanner scanner = new PayloadScanner();

	@Test
	void scanWhenLuhnValidCardNumberThenHitWithOnlyTheLastFourDigits() {
		var hits = scanner.scan("{\"note\":\"card 4111-1111-1111-1111 on file\"}", "application/json");

		assertThat(hits).containsExactly(new PayloadScanner.Hit("card_number", "ending 1111"));
	}

	@Test
	void scanWhenCardNumbersGroupedOrRunTogetherThenEachFound() {
		assertThat(scanner.scan("5555 5555 5555 4444", "text/plain")).hasSize(1);
		assertThat(scanner.scan("378282246310005", "text/plain")).extracting(PayloadScanner.Hit::where)
			.containsExactly("ending 0005");
	}

	@Test
	void scanWhenDigitRunFailsLuhnOrLooksLikeTimestampOrPhoneThenNoHit() {
		assertThat(scanner.scan("4111 1111 1111 1112", "text/plain")).isEmpty();
		assertThat(scanner.scan("{\"at\":1764633600000}", "application/json")).isEmpty();
		assertThat(scanner.scan("call +44 20 7946 0958 today", "text/plain")).isEmpty();
		assertThat(scanner.scan("0000000000000000", "text/plain")).isEmpty();
		assertThat(scanner.scan("44444444444444444", "text/plain")).isEmpty();
	}

	@Test
	void scanWhenLongerDigitRunContainsCardLikeSubsequenceThenNoHit() {
		// 20 digits: not a card number, and its 16-digit windows must not be matched inside it.
		assertThat(scanner.scan("41111111111111111111", "text/plain")).isEmpty();
	}

	@Test
	void scanWhenJsonHasPasswordFieldWithValueThenHitNamingTheField() {
		var hits = scanner.scan("{\"user\":{\"name\":\"a\",\"password\":\"hunter2\"}}", "application/json");

		assertThat(hits).containsExactly(new PayloadScanner.Hit("password", "field password"));
	}

	@Test
	void scanWhenPasswordLikeNamesThenFound() {
		assertThat(scanner.scan("{\"newPassword\":\"x\"}", "application/json")).hasSize(1);
		assertThat(scanner.scan("{\"cvv\":\"123\"}", "application/json")).hasSize(1);
		assertThat(scanner.scan("{\"pin\":1234}", "application/json")).hasSize(1);
	}

	@Test
	void scanWhenPasswordFieldEmptyOrOnlyMentionedInTextThenNoHit() {
		assertThat(scanner.scan("{\"password\":\"\"}", "application/json")).isEmpty();
		assertThat(scanner.scan("{\"body\":\"reset your password here\"}", "application/json")).isEmpty();
	}

	@Test
	void scanWhenFormBodyHasPasswordThenHit() {
		var hits = scanner.scan("user=a&password=secret1&x=1", "application/x-www-form-urlencoded; charset=UTF-8");

		assertThat(hits).extracting(PayloadScanner.Hit::kind).containsExactly("password");
	}

	@Test
	void luhnWhenKnownNumbersThenChecksums() {
		assertThat(PayloadScanner.luhn("79927398713")).isTrue();
		assertThat(PayloadScanner.luhn("79927398710")).isFalse();
	}

}
