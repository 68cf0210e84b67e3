package dev.gatehouse.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(5));

	@Test
	void backoffWhenFailuresRepeatThenDoublesUpToTheMaximum() {
		assertThat(policy.backoff(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(policy.backoff(3)).isEqualTo(Duration.ofMinutes(4));
		assertThat(policy.backoff(4)).isEqualTo(Duration.ofMinutes(5));
		assertThat(policy.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void exhaustedWhenMaxAttemptsReachedThenTrue() {
		assertThat(policy.exhausted(4)).isFalse();
		assertThat(policy.exhausted(5)).isTrue();
	}

	@Test
	void errorTextWhenNestedExceptionThenOneShortLineWithoutStackTrace() {
		var root = new java.net.ConnectException("Connection refused\n\tat somewhere");
		var ex = new IllegalStateException("x".repeat(1000), new RuntimeException("middle", root));

		String text = OutboxSender.errorText(ex);

		assertThat(text).startsWith("IllegalStateException caused by ConnectException: Connection refused")
			.doesNotContain("\n", "\t")
			.hasSizeLessThanOrEqualTo(OutboxSender.MAX_ERROR);
	}

}
