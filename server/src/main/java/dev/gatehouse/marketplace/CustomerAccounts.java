package dev.gatehouse.marketplace;

import dev.gatehouse.developers.DeveloperEvents.OrganizationCreated;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.internal.CustomerAccountRepository;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer accounts (the platform's tenants) and their users. Every developer organization gets a
 * sandbox account at once, administered by its owner, so sandbox credentials have somewhere safe
 * to act.
 */
@Service
public class CustomerAccounts {

	private final CustomerAccountRepository accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CustomerAccounts(CustomerAccountRepository accounts, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public CustomerAccount create(String name, UserId admin) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.length() < 2 || trimmed.length() > 120) {
			throw new InputRejectedException("name", "Use 2 to 120 characters.");
		}
		var account = new CustomerAccount(new CustomerAccountId(UUID.randomUUID()), trimmed, false, null, clock.instant());
		accounts.insert(account);
		accounts.addMember(account.id(), admin, CustomerRole.ADMIN, clock.instant());
		events.publishEvent(new CustomerAccountCreated(account.id(), trimmed, false));
		return account;
	}

	@Transactional
	public void addMember(CustomerAccountId account, UserId user, CustomerRole role) {
		require(account);
		accounts.addMember(account, user, role, clock.instant());
	}

	public CustomerAccount require(CustomerAccountId id) {
		return accounts.find(id).orElseThrow(() -> new NotFoundException("No such customer account."));
	}

	public Optional<CustomerAccount> sandboxOf(OrganizationId organization) {
		return accounts.sandboxOf(organization);
	}

	public List<CustomerMembership> membershipsOf(UserId user) {
		return accounts.memberships(user);
	}

	public List<CustomerMembership> members(CustomerAccountId account) {
		return accounts.members(account);
	}

	public Optional<CustomerRole> roleOf(CustomerAccountId account, UserId user) {
		return accounts.memberships(user).stream().filter(m -> m.account().id().equals(account)).map(CustomerMembership::role)
			.findFirst();
	}

	/** The sandbox account of a new organization, in the same transaction that created it. */
	@EventListener
	void on(OrganizationCreated created) {
		var sandbox = new CustomerAccount(new CustomerAccountId(UUID.randomUUID()), created.name() + " (sandbox)", true,
				created.organizationId(), clock.instant());
		accounts.insert(sandbox);
		accounts.sandboxOf(created.organizationId())
			.ifPresent(account -> accounts.addMember(account.id(), created.owner(), CustomerRole.ADMIN, clock.instant()));
		events.publishEvent(new CustomerAccountCreated(sandbox.id(), sandbox.name(), true));
	}

}
