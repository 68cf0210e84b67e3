package dev.gatehouse.support;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.LegalDocuments;

/** Developer organizations for tests, made through the facades. */
public final class TestOrganizations {

	private TestOrganizations() {
	}

	/** A new developer owning a new organization that accepted every current legal document. */
	public static Owner inGoodStanding(Accounts accounts, DeveloperOrganizations organizations, LegalDocuments legal) {
		return inGoodStanding(TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER), organizations, legal);
	}

	public static Owner inGoodStanding(UserAccount owner, DeveloperOrganizations organizations, LegalDocuments legal) {
		OrganizationId org = organizations.createFor("Org " + owner.email(), owner.id());
		acceptAll(legal, org, owner);
		return new Owner(owner, org);
	}

	public static void acceptAll(LegalDocuments legal, OrganizationId org, UserAccount owner) {
		for (DocumentKind kind : DocumentKind.values()) {
			legal.accept(org, owner, legal.current(kind).orElseThrow().id(), "198.51.100.7");
		}
	}

	public record Owner(UserAccount user, OrganizationId org) {
	}

}
