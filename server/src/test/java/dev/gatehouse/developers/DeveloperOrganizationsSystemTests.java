package dev.gatehouse.developers;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeveloperOrganizationsSystemTests extends FullStackTest {

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	PublisherDomains domains;

	@Autowired
	AuditLog auditLog;

	@Test
	void signUpWhenFormIsValidThenVerificationMailArrivesAndItsLinkEnablesLogin() {
		String email = TestUsers.randomEmail("founder");
		var web = web();
		web.get("/signup");
		var sent = web.post("/signup", Map.of("organizationName", "Acme " + email, "displayName", "Fran Founder", "email",
				email, "password", TestUsers.PASSWORD, "acceptTerms", "true"));
		assertThat(html(sent).select("h1").text()).isEqualTo("Check your email");

		assertThat(location(new WebSession(port).submitPassword(email, TestUsers.PASSWORD))).isEqualTo("/login");
		assertThat(new WebSession(port).submitPassword(email, TestUsers.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("?unverified"));

		String link = linkInMail(email, "/signup/verify");
		assertThat(location(web().get(link))).isEqualTo("/login");
		assertThat(web().get(link).headers().firstValue("Location")).isEmpty();

		var login = new WebSession(port).submitPassword(email, TestUsers.PASSWORD);
		assertThat(location(login)).isEqualTo("/login/enroll");
		var user = accounts.findByEmail(email).orElseThrow();
		assertThat(user.emailVerified()).isTrue();
		assertThat(organizations.membershipsOf(user.id())).singleElement()
			.satisfies(m -> assertThat(m.role()).isEqualTo(MemberRole.OWNER));
	}

	@Test
	void signUpWhenFieldsAreWrongThenFieldErrorsAndTheInputIsKeptButNotThePassword() {
		var web = web();
		web.get("/signup");
		var page = web.post("/signup", Map.of("organizationName", "X", "displayName", "Someone", "email", "not-an-email",
				"password", "short"));

		var doc = html(page);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(doc.select(".field-error").text()).contains("Use 2 to 100 characters.", "Enter a valid email address.",
				"Use 12 to 128 characters.", "Confirm that you will review");
		assertThat(doc.select("#displayName").attr("value")).isEqualTo("Someone");
		assertThat(doc.select("#email").attr("value")).isEqualTo("not-an-email");
		assertThat(doc.select("#password").attr("value")).isEmpty();
	}

	@Test
	void invitationWhenAcceptedBySomeoneNewThenTheyGetAnAccountAndJoinWithTheRole() {
		var owner = ownerOfNewOrganization();
		String invitee = TestUsers.randomEmail("invitee");
		organizations.invite(owner.org(), owner.user().id(), invitee, MemberRole.DEVELOPER);

		String link = linkInMail(invitee, "/invitations/accept");
		var web = web();
		var page = web.get(link);
		assertThat(html(page).select("h1").text()).startsWith("Join");
		String token = link.substring(link.indexOf("token=") + 6);
		var accepted = web.post("/invitations/accept",
				Map.of("token", java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8), "displayName",
						"Ivy Invitee", "password", TestUsers.PASSWORD));

		assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?joined"));
		assertThat(organizations.members(owner.org())).anySatisfy(m -> {
			assertThat(m.email()).isEqualTo(invitee);
			assertThat(m.role()).isEqualTo(MemberRole.DEVELOPER);
		});
		assertThat(accounts.findByEmail(invitee).orElseThrow().emailVerified()).isTrue();
		assertThat(web().get(link).body()).contains("This invitation does not work");
	}

	@Test
	void invitationWhenAcceptedByAnotherAccountThenRefused() {
		var owner = ownerOfNewOrganization();
		String invitee = TestUsers.randomEmail("invitee");
		organizations.invite(owner.org(), owner.user().id(), invitee, MemberRole.DEVELOPER);
		String token = java.net.URLDecoder.decode(linkInMail(invitee, "/invitations/accept").replaceFirst(".*token=", ""),
				java.nio.charset.StandardCharsets.UTF_8);
		var stranger = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);

		assertThatThrownBy(() -> organizations.acceptInvitation(token, stranger.id()))
			.isInstanceOf(DevelopersException.class)
			.hasMessageContaining("another address");
		assertThat(organizations.members(owner.org())).noneMatch(m -> m.userId().equals(stranger.id()));
	}

	@Test
	void removeMemberWhenLastOwnerThenRefusedAndOtherwiseRemoved() {
		var owner = ownerOfNewOrganization();
		var developer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		organizations.invite(owner.org(), owner.user().id(), developer.email(), MemberRole.DEVELOPER);
		String token = java.net.URLDecoder.decode(linkInMail(developer.email(), "/invitations/accept").replaceFirst(".*token=", ""),
				java.nio.charset.StandardCharsets.UTF_8);
		organizations.acceptInvitation(token, developer.id());

		assertThatThrownBy(() -> organizations.removeMember(owner.org(), owner.user().id(), owner.user().id()))
			.hasMessageContaining("at least one owner");
		organizations.removeMember(owner.org(), owner.user().id(), developer.id());
		assertThat(organizations.members(owner.org())).extracting(Member::userId).containsExactly(owner.user().id());
		assertThat(auditLog.find(AuditQuery.forTarget("organization:" + owner.org())).entries())
			.extracting(e -> e.action())
			.contains("developers.member.invited", "developers.member.joined", "developers.member.removed");
	}

	@Test
	void domainCheckWhenTheTokenIsServedThenThePublisherIsVerifiedAndTheBadgeShows() {
		var owner = ownerOfNewOrganization();
		String token = domains.claim(owner.org(), owner.user().id(), "LOCALHOST");
		DOMAIN.serve("something else\n" + token + "\n");

		var result = domains.check(owner.org(), owner.user().id());

		assertThat(result.verified()).as(result.message()).isTrue();
		var org = organizations.find(owner.org()).orElseThrow();
		assertThat(org.verification().method()).isEqualTo("DOMAIN");
		assertThat(org.domain()).isEqualTo("localhost");
	}

	@Test
	void domainCheckWhenTheFileLacksTheTokenThenNotVerifiedAndTheReasonIsKept() {
		var owner = ownerOfNewOrganization();
		domains.claim(owner.org(), owner.user().id(), "localhost");
		DOMAIN.serve("gatehouse-verification=someone-elses-token");

		var result = domains.check(owner.org(), owner.user().id());

		assertThat(result.verified()).isFalse();
		assertThat(organizations.find(owner.org()).orElseThrow().lastDomainCheckResult()).isEqualTo("token not found in the file");
	}

	@Test
	void domainCheckWhenTheDomainResolvesToAPrivateAddressThenRefusedWithoutAllowlist() {
		var owner = ownerOfNewOrganization();
		String token = domains.claim(owner.org(), owner.user().id(), "vm");
		DOMAIN.serve(token);

		var result = domains.check(owner.org(), owner.user().id());

		assertThat(result.verified()).isFalse();
		assertThat(result.message()).contains("refused (private address)");
		assertThat(organizations.find(owner.org()).orElseThrow().verified()).isFalse();
	}

	@Test
	void claimWhenDomainIsAnAddressOrGarbageThenRefused() {
		var owner = ownerOfNewOrganization();

		for (String bad : new String[] { "127.0.0.1", "http://exa mple.com", "", "a..b" }) {
			assertThatThrownBy(() -> domains.claim(owner.org(), owner.user().id(), bad)).as(bad)
				.isInstanceOf(DevelopersException.class);
		}
	}

	@Test
	void manualVerificationWhenReasonGivenThenRecordedAndAudited() {
		var owner = ownerOfNewOrganization();

		assertThatThrownBy(() -> organizations.verifyManually(owner.org(), "admin@example.test", " "))
			.isInstanceOf(DevelopersException.class);
		organizations.verifyManually(owner.org(), "admin@example.test", "Checked the company register");

		var org = organizations.find(owner.org()).orElseThrow();
		assertThat(org.verification()).satisfies(v -> {
			assertThat(v.verified()).isTrue();
			assertThat(v.method()).isEqualTo("MANUAL");
			assertThat(v.note()).isEqualTo("Checked the company register");
			assertThat(v.verifiedBy()).isEqualTo("admin@example.test");
		});
		assertThat(auditLog.find(AuditQuery.forTarget("organization:" + owner.org())).entries())
			.anySatisfy(e -> assertThat(e.action()).isEqualTo("developers.publisher.verified"));
	}

	@Test
	void organizationPageWhenViewedByANonMemberThenNotFound() {
		var owner = ownerOfNewOrganization();
		var outsider = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var web = web();
		web.submitPassword(outsider.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", Map.of("code", TestUsers.code(outsider.secret(), 0)));

		assertThat(web.get("/developer/orgs/" + owner.org()).statusCode()).isEqualTo(404);
		assertThat(web.get("/developer").statusCode()).isEqualTo(200);
	}

	private Owner ownerOfNewOrganization() {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = organizations.createFor("Org " + user.email(), user.id());
		return new Owner(user, org);
	}

	record Owner(dev.gatehouse.identity.UserAccount user, OrganizationId org) {
	}

}
