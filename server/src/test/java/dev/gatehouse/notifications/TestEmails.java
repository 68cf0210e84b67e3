package dev.gatehouse.notifications;

import java.util.UUID;

/** Random emails for tests: a fresh address each, so tests sharing the database never see each other's. */
final class TestEmails {

	private TestEmails() {
	}

	static String randomAddress() {
		return "to-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
	}

	static EmailMessage plain(String to) {
		return EmailMessage.of(to, "tests.plain", "Hello " + to, "Line one\nLine two for " + to);
	}

}
