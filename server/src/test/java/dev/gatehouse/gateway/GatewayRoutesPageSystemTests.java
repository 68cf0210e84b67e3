package dev.gatehouse.gateway;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class GatewayRoutesPageSystemTests extends FullStackTest {

	@Autowired
	Accounts accounts;

	@Autowired
	GatewayRoutes routes;

	@Autowired
	JdbcClient jdbc;

	@Test
	void routesWhenAdminSavesOneThenEveryNodeServesItAndTheChangeIsAudited() {
		var admin = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN));
		String id = "pagetest." + UUID.randomUUID().toString().substring(0, 8);
		admin.get("/operator/gateway");

		var saved = admin.post("/operator/gateway/routes", Map.of("id", id, "method", "GET", "path", "/v1/" + id + "/{thingId}",
				"upstream", "http://127.0.0.1:9", "scopes", "things:read", "dataCategories", "contact, health",
				"subjectPathVariables", "thingId", "requiresInstallation", "true"));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(html(admin.get("/operator/gateway")).select("#routes").text()).contains(id, "things:read", "contact, health",
				"path: thingId");
		assertThat(routes.find(id)).hasValueSatisfying(r -> assertThat(r.subjectPathVariables()).containsExactly("thingId"));
		assertThat(jdbc.sql("select count(*) from auditlog.audit_events where action = 'gateway.route.created' and target = :t")
			.param("t", "route:" + id)
			.query(Integer.class)
			.single()).isEqualTo(1);

		admin.post("/operator/gateway/routes/remove", Map.of("id", id));
		assertThat(routes.find(id)).isEmpty();
	}

	@Test
	void routesWhenInputIsBadThenFieldErrorsAndWhatWasTypedStays() {
		var admin = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN));
		admin.get("/operator/gateway");

		var badPath = admin.post("/operator/gateway/routes", Map.of("id", "pagetest.bad", "method", "GET", "path",
				"/v1/{unclosed", "upstream", "http://127.0.0.1:9"));
		var badUpstream = admin.post("/operator/gateway/routes", Map.of("id", "pagetest.bad", "method", "GET", "path",
				"/v1/x", "upstream", "ftp://example.com"));

		assertThat(badPath.statusCode()).isEqualTo(200);
		assertThat(html(badPath).select("#path + .field-error").text()).contains("path pattern");
		assertThat(html(badPath).select("#path").attr("value")).isEqualTo("/v1/{unclosed");
		assertThat(html(badUpstream).select("[role=alert]").text()).contains("upstream");
		assertThat(routes.find("pagetest.bad")).isEmpty();
	}

	@Test
	void routesWhenReviewerThenReadsButCannotChange() {
		var reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));

		assertThat(reviewer.get("/operator/gateway").statusCode()).isEqualTo(200);
		assertThat(reviewer.post("/operator/gateway/routes", Map.of("id", "pagetest.nope", "method", "GET", "path", "/v1/x",
				"upstream", "http://127.0.0.1:9")).statusCode()).isEqualTo(403);
		assertThat(routes.find("pagetest.nope")).isEmpty();
	}

}
