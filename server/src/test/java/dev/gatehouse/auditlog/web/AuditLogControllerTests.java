package dev.gatehouse.auditlog.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest
@AutoConfigureMockMvc
class AuditLogControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEventPublisher events;

	private static RequestPostProcessor operator() {
		return user("olivia").roles("COMPLIANCE");
	}

	private String publish(String action) {
		String target = "thing:" + UUID.randomUUID();
		events.publishEvent(new Event(action, target));
		return target;
	}

	@Test
	void pageWhenFilteredByTargetThenShowsThatEventWithFormAndVerifyButton() throws Exception {
		String target = publish("test.web.shown");

		mvc.perform(get("/operator/audit").param("target", target).with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(target)))
			.andExpect(content().string(containsString("test.web.shown")))
			.andExpect(content().string(containsString("<caption>Audit events, newest first</caption>")))
			.andExpect(content().string(containsString("<label for=\"target\">")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("hx-post=\"/operator/audit/verify\"")))
			.andExpect(content().string(containsString("/operator/audit/export.jsonl?target=" + target)));
	}

	@Test
	void pageWhenMoreThanOnePageThenLinksToOlderPageKeepingFilters() throws Exception {
		String target = publish("test.web.paged");
		events.publishEvent(new Event("test.web.paged", target));

		mvc.perform(get("/operator/audit").param("target", target).param("size", "1").with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("?target=" + target + "&amp;before=")))
			.andExpect(content().string(containsString("&amp;size=1")));
	}

	@Test
	void pageWhenTimeMalformedThenFieldErrorAndInputKept() throws Exception {
		mvc.perform(get("/operator/audit").param("from", "yesterday").with(operator()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("From must be a time")))
			.andExpect(content().string(containsString("value=\"yesterday\"")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
	}

	@Test
	void exportWhenFilteredThenJsonLinesAttachment() throws Exception {
		String target = publish("test.web.exported");

		mvc.perform(get("/operator/audit/export.jsonl").param("target", target).with(operator()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(header().string("Content-Type", containsString("application/jsonl")))
			.andExpect(content().string(containsString("\"target\":\"" + target + "\"")));
	}

	@Test
	void verifyWhenHtmxThenOnlyResultFragment() throws Exception {
		mvc.perform(post("/operator/audit/verify").header("HX-Request", "true").with(operator()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Chain intact")))
			.andExpect(content().string(containsString("id=\"verification\"")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	void verifyWhenNoJavaScriptThenWholePageWithResultAndFilters() throws Exception {
		String target = publish("test.web.verified");

		mvc.perform(post("/operator/audit/verify").param("target", target).with(operator()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html")))
			.andExpect(content().string(containsString("Chain intact")))
			.andExpect(content().string(containsString(target)));
	}

	@Test
	void verifyWhenNoCsrfTokenThenForbidden() throws Exception {
		mvc.perform(post("/operator/audit/verify").with(operator())).andExpect(status().isForbidden());
	}

	record Event(String action, String target) implements Audited {

		@Override
		public Map<String, Object> details() {
			return Map.of("via", "web test");
		}

	}

}
