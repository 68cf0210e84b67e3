package dev.gatehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.TestUsers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recipients widened by granted scopes, and deadline rounds that two nodes run at once. */
@SpringBootTest(properties = "gatehouse.privacy.recipients=lineage-and-scopes")
class PrivacyIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	PrivacyRequests privacy;

	@Autowired
	Installations installations;

	@Autowired
	CustomerAccounts customers;

	@Autowired
	Accounts accounts;

	@Autowired
	AccessLog accessLog;

	@Autowired
	JdbcClient jdbc;

	UserAccount admin;

	CustomerAccount clinic;

	Installation touching;

	Installation sameData;

	Installation otherData;

	String subject;

	@BeforeEach
	void threeInstalledApps() {
		admin = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		clinic = customers.create("Clinic " + UUID.randomUUID().toString().substring(0, 8), admin.id());
		touching = install(TestApps.READ_APPOINTMENTS.name());
		sameData = install(TestApps.READ_APPOINTMENTS.name());
		otherData = install(TestApps.CHARGE.name());
		subject = "patient-" + UUID.randomUUID().toString().substring(0, 8);
		var call = PrivacyRequestSystemTests.readPatient(touching, subject);
		accessLog.record(new dev.gatehouse.accesslog.ApiCall(call.id(), call.occurredAt(), call.appId(), call.clientId(),
				call.installationId(), call.customerAccountId(), call.routeId(), call.method(), call.path(), 200, 1, 0, 1,
				List.of(TestApps.READ_APPOINTMENTS.name()), List.of("appointments"), List.of(subject), "127.0.0.1", null));
		accessLog.flush();
	}

	@Test
	void fileWhenLineageAndScopesThenAppsWhoseScopesReachTheTouchedCategoriesAreAskedToo() {
		PrivacyRequest request = file();

		assertThat(privacy.recipients(request.id())).extracting(Recipient::appId, Recipient::reason)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(touching.appId().value(), "lineage"),
					org.assertj.core.groups.Tuple.tuple(sameData.appId().value(), "scopes"));
	}

	@Test
	void deadlineRoundsWhenTwoNodesRunAtOnceThenOneReminderAndOneOverduePerRecipient() throws Exception {
		PrivacyRequest request = file();
		moveDue(request, Instant.now().plusSeconds(3600));

		runTwiceAtOnce();
		assertThat(events(request, "recipient.reminded")).isEqualTo(2);

		moveDue(request, Instant.now().minusSeconds(1));
		runTwiceAtOnce();
		runTwiceAtOnce();

		assertThat(events(request, "recipient.overdue")).isEqualTo(2);
		assertThat(privacy.recipients(request.id())).allSatisfy(r -> assertThat(r.status()).isEqualTo(RecipientStatus.OVERDUE));
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.OVERDUE);
	}

	@Test
	void acknowledgeWhenOverdueThenStillOverdueAndNoSecondFinding() {
		PrivacyRequest request = file();
		moveDue(request, Instant.now().minusSeconds(1));
		privacy.runDeadlinesNow();

		privacy.acknowledge(touching.appId(), request.id(), "app");
		privacy.runDeadlinesNow();

		var recipient = privacy.recipients(request.id())
			.stream()
			.filter(r -> r.appId().equals(touching.appId().value()))
			.findFirst()
			.orElseThrow();
		assertThat(recipient.status()).isEqualTo(RecipientStatus.OVERDUE);
		assertThat(recipient.acknowledgedAt()).isNotNull();
		assertThat(events(request, "recipient.overdue")).isEqualTo(2);
	}

	PrivacyRequest file() {
		return privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ERASURE, List.of(subject), null),
				Filer.customer(admin.id(), admin.email()));
	}

	Installation install(String scope) {
		var app = AppFixtures.draftApp(context);
		return installations.grant(clinic.id(), app.app().id(), Set.of(scope), admin.id(), admin.email());
	}

	void runTwiceAtOnce() throws Exception {
		var barrier = new CyclicBarrier(2);
		Callable<Integer> round = () -> {
			barrier.await();
			return privacy.runDeadlinesNow();
		};
		try (var executor = Executors.newFixedThreadPool(2)) {
			var first = executor.submit(round);
			var second = executor.submit(round);
			first.get();
			second.get();
		}
	}

	void moveDue(PrivacyRequest request, Instant due) {
		jdbc.sql("update privacy.recipients set due_at = :due where request_id = :id")
			.param("due", Timestamp.from(due))
			.param("id", request.id().value())
			.update();
	}

	int events(PrivacyRequest request, String type) {
		return (int) privacy.history(request.id()).stream().filter(e -> e.type().equals(type)).count();
	}

}
