package dev.gatehouse.demo;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;

import java.util.Optional;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Finds the demo's customer account and its installation of Northwind Reminders, once seeded. */
@Component
@Profile("demo")
class DemoRiverside {

	static final String OWNER = "owner@riverside-clinic.example";

	private final Accounts accounts;

	private final CustomerAccounts customers;

	private final Installations installations;

	private final AppRegistry registry;

	DemoRiverside(Accounts accounts, CustomerAccounts customers, Installations installations, AppRegistry registry) {
		this.accounts = accounts;
		this.customers = customers;
		this.installations = installations;
		this.registry = registry;
	}

	Optional<dev.gatehouse.identity.UserAccount> owner() {
		return accounts.findByEmail(OWNER);
	}

	Optional<CustomerAccount> clinic() {
		return accounts.findByEmail(OWNER).map(owner -> customers.membershipsOf(owner.id()).getFirst().account());
	}

	/** The clinic and its active installation of Northwind Reminders. */
	Optional<Reminders> reminders() {
		return clinic().flatMap(clinic -> installations.ofAccount(clinic.id())
			.stream()
			.filter(i -> i.active() && registry.find(i.appId()).map(App::name).filter("Northwind Reminders"::equals).isPresent())
			.findFirst()
			.map(installation -> new Reminders(clinic, installation)));
	}

	record Reminders(CustomerAccount clinic, Installation installation) {
	}

}
