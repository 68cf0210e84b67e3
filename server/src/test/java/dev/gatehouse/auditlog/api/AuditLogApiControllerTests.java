package dev.gatehouse.auditlog.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest
@AutoConfigureMockMvc
class AuditLogApiControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEventPublisher events;

	private static RequestPostProcessor admin() {
		return user("adam").authorities(new SimpleGrantedAuthority("ROLE_ADMIN"),
				new SimpleGrantedAuthority("SCOPE_audit:read"));
	}

	@Test
	void eventsWhenCallerHasTheRoleButNotTheScopeThenForbidden() throws Exception {
		mvc.perform(get("/api/v1/audit/events").with(user("adam").roles("ADMIN"))).andExpect(status().isForbidden());
	}

	@Test
	void eventsWhenCallerHasTheScopeButNotTheRoleThenForbidden() throws Exception {
		mvc.perform(get("/api/v1/audit/events")
			.with(user("dev").authorities(new SimpleGrantedAuthority("ROLE_DEVELOPER"),
					new SimpleGrantedAuthority("SCOPE_audit:read"))))
			.andExpect(status().isForbidden());
	}

	private String publish() {
		String target = "thing:" + UUID.randomUUID();
		events.publishEvent(new Event("test.api.listed", target));
		return target;
	}

	@Test
	void eventsWhenFilteredThenJsonPageWithDetailsAsObject() throws Exception {
		String target = publish();

		mvc.perform(get("/api/v1/audit/events").param("target", target).param("action", "test.api.").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.entries.length()").value(1))
			.andExpect(jsonPath("$.entries[0].target").value(target))
			.andExpect(jsonPath("$.entries[0].action").value("test.api.listed"))
			.andExpect(jsonPath("$.entries[0].details.count").value(3))
			.andExpect(jsonPath("$.entries[0].hash").isString())
			.andExpect(jsonPath("$.nextBeforeSeq").doesNotExist());
	}

	@Test
	void eventsWhenTimeMalformedThenProblemNamingTheField() throws Exception {
		mvc.perform(get("/api/v1/audit/events").param("to", "31/01/2026").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("/problems/invalid-filter"))
			.andExpect(jsonPath("$.errors[0].field").value("to"))
			.andExpect(jsonPath("$.status").value(400));
	}

	@Test
	void eventsWhenSizeOutOfRangeThenProblemNamingTheField() throws Exception {
		mvc.perform(get("/api/v1/audit/events").param("size", "100000").with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void eventsWhenFromNotBeforeToThenProblem() throws Exception {
		mvc.perform(get("/api/v1/audit/events").param("from", "2026-02-01T00:00Z")
			.param("to", "2026-01-01")
			.with(admin())).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
	}

	@Test
	void exportWhenFilteredThenJsonLines() throws Exception {
		String target = publish();

		mvc.perform(get("/api/v1/audit/events/export").param("target", target).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/jsonl"))
			.andExpect(content().string(containsString("\"target\":\"" + target + "\"")))
			.andExpect(content().string(containsString("\"details\":{\"count\":3}")));
	}

	@Test
	void verifyWhenChainIntactThenOkTrue() throws Exception {
		publish();

		mvc.perform(post("/api/v1/audit/verify").with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ok").value(true))
			.andExpect(jsonPath("$.problems.length()").value(0))
			.andExpect(jsonPath("$.rowsChecked").isNumber());
	}

	record Event(String action, String target) implements Audited {

		@Override
		public Map<String, Object> details() {
			return Map.of("count", 3);
		}

	}

}
