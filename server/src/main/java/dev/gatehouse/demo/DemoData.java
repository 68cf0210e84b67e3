package dev.gatehouse.demo;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.NewUserCommand;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo once (on an empty database) and remembers the logins in the data directory, so
 * every later start can print them again.
 */
@Component
@Profile("demo")
@Order(0)
class DemoData implements ApplicationRunner {

	static final String PASSWORD = "gatehouse-demo-2026";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final Accounts accounts;

	private final DemoLogins logins;

	private final DemoOrganizations organizations;

	DemoData(Accounts accounts, DemoLogins logins, DemoOrganizations organizations) {
		this.accounts = accounts;
		this.logins = logins;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (accounts.findByEmail("admin@gatehouse.demo").isPresent()) {
			return;
		}
		log.info("Seeding demo data");
		List<DemoLogin> created = new ArrayList<>();
		created.add(user("admin@gatehouse.demo", "Ada Operator", UserKind.OPERATOR, Role.ADMIN, true));
		created.add(user("reviewer@gatehouse.demo", "Rui Reviewer", UserKind.OPERATOR, Role.REVIEWER, true));
		created.add(user("compliance@gatehouse.demo", "Chen Compliance", UserKind.OPERATOR, Role.COMPLIANCE, true));
		created.add(user("dev@northwind-apps.example", "Dana Developer", UserKind.DEVELOPER, Role.DEVELOPER, true));
		created.add(user("dev@bluebird-labs.example", "Bea Bluebird", UserKind.DEVELOPER, Role.DEVELOPER, true));
		created.add(user("owner@riverside-clinic.example", "Olu Clinic Owner", UserKind.CUSTOMER, Role.CUSTOMER_ADMIN,
				false));
		logins.save(created);
		organizations.seed();
	}

	private DemoLogin user(String email, String name, UserKind kind, Role role, boolean totp) {
		var account = accounts.create(new NewUserCommand(email, name, kind, Set.of(role), PASSWORD, false));
		String secret = null;
		if (totp) {
			secret = accounts.startTotpEnrollment(account.id()).secret();
			accounts.confirmTotpEnrollment(account.id(), DemoLogins.code(secret, -1), "127.0.0.1", "demo-data");
		}
		return new DemoLogin(email, PASSWORD, kind.name().toLowerCase() + " / " + role.name().toLowerCase(), secret);
	}

}
