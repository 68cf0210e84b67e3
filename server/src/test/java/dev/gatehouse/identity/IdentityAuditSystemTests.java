package dev.gatehouse.identity;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.support.TestUsers;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class IdentityAuditSystemTests {

	@Autowired
	Accounts accounts;

	@Autowired
	AccessTokens tokens;

	@Autowired
	AuditLog auditLog;

	@Test
	void identityChangesWhenMadeThenEachWritesAnAuditEvent() {
		var user = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER).user();
		var token = tokens.create(user.id(), "ci", Set.of(ApiScope.PROFILE_READ), 10);
		tokens.revoke(user.id(), token.info().id());
		accounts.disable(user.id());
		accounts.enable(user.id());

		var actions = auditLog.find(AuditQuery.forTarget("user:" + user.id())).entries().stream().map(e -> e.action()).toList();
		var tokenActions = auditLog.find(AuditQuery.forTarget("access_token:" + token.info().id()))
			.entries()
			.stream()
			.map(e -> e.action())
			.toList();

		assertThat(actions).contains("identity.user.created", "identity.totp.enrolled", "identity.user.disabled",
				"identity.user.enabled");
		assertThat(tokenActions).contains("identity.access_token.created", "identity.access_token.revoked");
		assertThat(auditLog.find(AuditQuery.forTarget("access_token:" + token.info().id())).entries().toString())
			.doesNotContain(token.token());
	}

	@Test
	void bootstrapAdminWhenNoAdminExistedThenOneWasCreatedWithAOneTimePassword() {
		var admin = accounts.findByEmail("admin@gatehouse.local").orElseThrow();

		assertThat(admin.roles()).containsExactly(Role.ADMIN);
		assertThat(admin.mustChangePassword()).isTrue();
	}

}
