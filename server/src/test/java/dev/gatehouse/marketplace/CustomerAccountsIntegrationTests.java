package dev.gatehouse.marketplace;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class CustomerAccountsIntegrationTests {

	@Autowired
	CustomerAccounts customers;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	Accounts accounts;

	@Test
	void organizationWhenCreatedThenItGetsASandboxAccountAdministeredByItsOwner() {
		var owner = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = organizations.createFor("Org " + owner.email(), owner.id());

		var sandbox = customers.sandboxOf(org).orElseThrow();

		assertThat(sandbox.sandbox()).isTrue();
		assertThat(sandbox.sandboxOf()).isEqualTo(org);
		assertThat(customers.roleOf(sandbox.id(), owner.id())).contains(CustomerRole.ADMIN);
	}

	@Test
	void createWhenNamedThenTheCreatorIsAdminAndMembersCanBeAdded() {
		var admin = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		var member = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_MEMBER);

		var account = customers.create("Harbour Dental " + admin.email(), admin.id());
		customers.addMember(account.id(), member.id(), CustomerRole.MEMBER);

		assertThat(account.sandbox()).isFalse();
		assertThat(customers.members(account.id())).extracting(CustomerMembership::role)
			.containsExactly(CustomerRole.ADMIN, CustomerRole.MEMBER);
		assertThat(customers.membershipsOf(member.id())).singleElement()
			.satisfies(m -> assertThat(m.account().id()).isEqualTo(account.id()));
		assertThatThrownBy(() -> customers.create(" ", admin.id())).isInstanceOf(InputRejectedException.class);
	}

}
