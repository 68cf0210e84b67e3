package dev.gatehouse.support;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.NewUserCommand;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Random users for tests, made through the identity facade like any other caller would. */
public final class TestUsers {

	public static final String PASSWORD = "correct horse battery";

	private TestUsers() {
	}

	public static String randomEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}

	public static UserAccount create(Accounts accounts, UserKind kind, Role role) {
		return accounts.create(new NewUserCommand(randomEmail(role.name().toLowerCase()), "Test " + role, kind,
				Set.of(role), PASSWORD, false));
	}

	/** A user with TOTP enrolled; enrolment used the previous time step, so the current one is free. */
	public static Enrolled createWithTotp(Accounts accounts, UserKind kind, Role role) {
		var user = create(accounts, kind, role);
		var enrollment = accounts.startTotpEnrollment(user.id());
		List<String> recovery = accounts.confirmTotpEnrollment(user.id(), code(enrollment.secret(), -1), "127.0.0.1",
				"tests");
		return new Enrolled(user, enrollment.secret(), recovery);
	}

	/** The TOTP code {@code offset} steps from now. */
	public static String code(String secret, int offset) {
		try {
			long step = Instant.now().getEpochSecond() / 30 + offset;
			return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Enrolled(UserAccount user, String secret, List<String> recoveryCodes) {

		public String email() {
			return user.email();
		}

	}

}
