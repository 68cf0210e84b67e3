package dev.gatehouse.demo;

import dev.gatehouse.authserver.Consents;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.PublishCommand;

import java.time.Instant;
import java.util.Set;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Two developer organizations: Northwind Apps, verified and with every document accepted, and
 * Bluebird Labs, which has not yet re-accepted the acceptable use policy published with notice.
 */
@Component
@Profile("demo")
class DemoOrganizations {

	private final Accounts accounts;

	private final DeveloperOrganizations organizations;

	private final LegalDocuments documents;

	private final DemoApps apps;

	private final dev.gatehouse.marketplace.CustomerAccounts customers;

	private final Consents consents;

	DemoOrganizations(Accounts accounts, DeveloperOrganizations organizations, LegalDocuments documents, DemoApps apps,
			dev.gatehouse.marketplace.CustomerAccounts customers, Consents consents) {
		this.customers = customers;
		this.consents = consents;
		this.accounts = accounts;
		this.organizations = organizations;
		this.documents = documents;
		this.apps = apps;
	}

	void seed() {
		UserAccount dana = accounts.findByEmail("dev@northwind-apps.example").orElseThrow();
		UserAccount bea = accounts.findByEmail("dev@bluebird-labs.example").orElseThrow();
		OrganizationId northwind = organizations.createFor("Northwind Apps", dana.id());
		OrganizationId bluebird = organizations.createFor("Bluebird Labs", bea.id());
		acceptAll(northwind, dana);
		acceptAll(bluebird, bea);
		organizations.verifyManually(northwind, "admin@gatehouse.demo",
				"Demo data: company registration checked by hand");
		organizations.invite(northwind, dana.id(), "alex@northwind-apps.example", MemberRole.DEVELOPER);

		var revised = documents.draft(DocumentKind.ACCEPTABLE_USE, """
				# Acceptable use policy (template, revision 2)

				This is a starting template shipped with Gatehouse. Replace it with your own policy.

				- Do not use the API to send unsolicited messages, harass anyone, or break the law.
				- Do not probe, scrape or reverse engineer the API, or try to get around rate limits or access controls.
				- Do not degrade the platform for others: respect rate limits and quotas.
				- Do not share credentials or tokens between apps or organizations.
				- Do not resell access to the API or to data obtained through it.
				""", "Added: no reselling of API access or data", "compliance@gatehouse.demo");
		documents.publish(revised.id(), new PublishCommand(true, Instant.now(), 30), "compliance@gatehouse.demo");
		documents.accept(northwind, dana, revised.id(), "127.0.0.1");
		String reminders = apps.seed(northwind, dana.id(), bluebird, bea.id());
		UserAccount owner = accounts.findByEmail("owner@riverside-clinic.example").orElseThrow();
		var clinic = customers.create("Riverside Clinic", owner.id());
		// The clinic installed Northwind Reminders: the consent the screen would have shown, in the ledger.
		consents.approve(reminders, Set.of("appointments:read", "messages:send"), owner.id(), owner.email(), clinic.id(),
				"127.0.0.1");
	}

	private void acceptAll(OrganizationId organization, UserAccount owner) {
		for (DocumentKind kind : DocumentKind.values()) {
			documents.current(kind).ifPresent(v -> documents.accept(organization, owner, v.id(), "127.0.0.1"));
		}
	}

}
