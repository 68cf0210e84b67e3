package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.IdentityProperties;
import dev.gatehouse.identity.NewUserCommand;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.shared.crypto.RandomTokens;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start: with no operator admin, create one. A configured password is used as given; without
 * one, a one-time password is printed to the log once and must be changed at first login.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final Accounts accounts;

	private final IdentityProperties.BootstrapAdmin settings;

	BootstrapAdmin(Accounts accounts, IdentityProperties properties) {
		this.accounts = accounts;
		this.settings = properties.bootstrapAdmin();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (accounts.anyAdmin()) {
			return;
		}
		boolean generated = settings.password() == null || settings.password().isBlank();
		String password = generated ? RandomTokens.readable(6) + "-" + RandomTokens.readable(6) + "-"
				+ RandomTokens.readable(6) : settings.password();
		try {
			accounts.create(new NewUserCommand(settings.email(), "Administrator", UserKind.OPERATOR, Set.of(Role.ADMIN),
					password, generated));
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			// Another node, starting at the same moment, created it first.
			return;
		}
		if (generated) {
			log.warn("""

					==============================================================
					 Created the first operator admin: {}
					 One-time password: {}
					 It is shown only now. Change it at first login.
					==============================================================""", settings.email(), password);
		}
		else {
			log.info("Created the first operator admin {} with the configured password", settings.email());
		}
	}

}
