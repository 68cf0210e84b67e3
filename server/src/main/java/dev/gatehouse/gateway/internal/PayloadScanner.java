package dev.gatehouse.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for what must not travel through the platform in a write's body: payment card numbers
 * (13 to 19 digits, optionally grouped by single spaces or dashes, starting with 2 to 6 as the card
 * networks' numbers do, not one digit repeated, passing the Luhn check: a millisecond timestamp or
 * a phone number rarely looks like that) and
 * password-like fields (a JSON member or form field named like a password, with a value). What it
 * reports never contains the secret: a card number is reduced to its last four digits.
 */
final class PayloadScanner {

	private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

	private static final Set<String> PASSWORD_NAMES = Set.of("password", "passwd", "pwd", "passcode", "passphrase",
			"pin", "cvv", "cvc", "cvv2", "secret", "client_secret", "current_password", "new_password");

	/** "name": "value" or "name": number in JSON; name=value in a form body. */
	private static final Pattern JSON_MEMBER = Pattern
		.compile("\"([A-Za-z0-9_.-]{1,64})\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[0-9]+)");

	private static final Pattern FORM_FIELD = Pattern.compile("(?:^|&)([A-Za-z0-9_.%-]{1,64})=([^&]*)");

	record Hit(String kind, String where) {
	}

	List<Hit> scan(String body, String contentType) {
		if (body == null || body.isEmpty()) {
			return List.of();
		}
		List<Hit> hits = new ArrayList<>();
		Matcher digits = DIGIT_RUN.matcher(body);
		while (digits.find() && hits.size() < 10) {
			String number = digits.group().replaceAll("[ -]", "");
			if (number.charAt(0) >= '2' && number.charAt(0) <= '6' && !number.chars().allMatch(c -> c == number.charAt(0))
					&& luhn(number)) {
				hits.add(new Hit("card_number", "ending " + number.substring(number.length() - 4)));
			}
		}
		boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
		Matcher fields = (form ? FORM_FIELD : JSON_MEMBER).matcher(body);
		while (fields.find() && hits.size() < 20) {
			String name = fields.group(1).toLowerCase(Locale.ROOT);
			String value = fields.group(2);
			boolean empty = value.isEmpty() || "\"\"".equals(value);
			if (!empty && isPasswordName(name)) {
				hits.add(new Hit("password", "field " + fields.group(1)));
			}
		}
		return hits;
	}

	private static boolean isPasswordName(String name) {
		String last = name.substring(name.lastIndexOf('.') + 1);
		return PASSWORD_NAMES.contains(last) || last.endsWith("password") || last.endsWith("_pwd");
	}

	static boolean luhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}
