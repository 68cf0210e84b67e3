package dev.gatehouse.notifications;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inbox and operator outbox pages over real HTTP, logged in like a browser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationPagesSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Notifications notifications;

	@Test
	void inboxWhenLoggedInThenOwnItemsUnreadFirstWithFormsForHtmxAndPlainPosts() {
		var user = customer();
		UUID userId = user.id().value();
		notifications.inApp(userId, "Old news", "read already", null);
		notifications.markAllRead(userId);
		notifications.inApp(userId, "App approved", "Your app <b>Acme</b> is live", "/apps/42");
		notifications.inApp(UUID.randomUUID(), "Not yours", "", null);
		var web = loggedIn(user);

		var page = web.get("/inbox");

		assertThat(page.statusCode()).isEqualTo(200);
		var doc = html(page);
		assertThat(doc.select("li.inbox-item .inbox-title").eachText()).containsExactly("Unread: App approved", "Old news");
		assertThat(doc.select("li.inbox-item.unread")).hasSize(1);
		assertThat(doc.select("li.inbox-item.unread a").attr("href")).isEqualTo("/apps/42");
		assertThat(doc.select("li.inbox-item.unread .inbox-body").text()).isEqualTo("Your app <b>Acme</b> is live");
		assertThat(page.body()).doesNotContain("Not yours").doesNotContain("<b>Acme</b>");
		var form = doc.selectFirst("li.inbox-item.unread form");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo(form.attr("hx-post")).startsWith("/inbox/").endsWith("/read");
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(doc.select("form[action=/inbox/read-all]")).hasSize(1);
	}

	@Test
	void markReadWhenPostedWithoutJavaScriptThenRedirectsBackAndItemIsRead() {
		var user = customer();
		UUID userId = user.id().value();
		notifications.inApp(userId, "Hello", "", null);
		UUID item = notifications.inbox(userId, 1).getFirst().id();
		var web = loggedIn(user);
		web.get("/inbox");

		var response = web.post("/inbox/" + item + "/read", Map.of());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(location(response)).isEqualTo("/inbox");
		assertThat(notifications.unreadCount(userId)).isZero();
	}

	@Test
	void markReadWhenHtmxThenOnlyTheItemComesBackAndTheCounterIsToldToRefresh() {
		var user = customer();
		UUID userId = user.id().value();
		notifications.inApp(userId, "Hello htmx", "", null);
		UUID item = notifications.inbox(userId, 1).getFirst().id();
		var web = loggedIn(user);
		web.get("/inbox");

		var response = web.post("/inbox/" + item + "/read", Map.of(), Map.of("HX-Request", "true"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("HX-Trigger")).hasValue("inbox-changed");
		assertThat(response.body()).doesNotContain("<html").contains("id=\"inbox-item-" + item + "\"");
		assertThat(html(response).select("li.inbox-item.unread")).isEmpty();
		assertThat(html(response).select("li form")).isEmpty();
		assertThat(notifications.unreadCount(userId)).isZero();
	}

	@Test
	void markReadWhenItemIsAnotherUsersThenNotFoundAndUnchanged() {
		UUID owner = UUID.randomUUID();
		notifications.inApp(owner, "Private", "", null);
		UUID item = notifications.inbox(owner, 1).getFirst().id();
		var web = loggedIn(customer());
		web.get("/inbox");

		assertThat(web.post("/inbox/" + item + "/read", Map.of()).statusCode()).isEqualTo(404);
		assertThat(notifications.unreadCount(owner)).isOne();
	}

	@Test
	void countWhenUnreadItemsThenFragmentWithNumberAndMarkAllReadClearsIt() {
		var user = customer();
		UUID userId = user.id().value();
		notifications.inApp(userId, "One", "", null);
		notifications.inApp(userId, "Two", "", null);
		var web = loggedIn(user);

		var count = web.get("/inbox/count");
		assertThat(count.statusCode()).isEqualTo(200);
		assertThat(count.body()).doesNotContain("<html");
		assertThat(html(count).select("#inbox-count .badge").text()).isEqualTo("2");
		assertThat(html(count).select("#inbox-count").attr("hx-trigger")).isEqualTo("inbox-changed from:body");

		web.get("/inbox");
		var markAll = web.post("/inbox/read-all", Map.of());
		assertThat(location(markAll)).isEqualTo("/inbox");
		assertThat(html(web.follow(markAll)).select(".notice").text()).isEqualTo("2 notifications marked read.");
		assertThat(html(web.get("/inbox/count")).select("#inbox-count .badge")).isEmpty();
	}

	@Test
	void inboxWhenAnonymousThenRedirectedToLogin() {
		var web = new WebSession(port);

		assertThat(location(web.get("/inbox"))).isEqualTo("/login");
		assertThat(location(web.get("/inbox/count"))).isEqualTo("/login");
	}

	@Test
	void operatorOutboxWhenSupportOperatorThenListsAndShowsBodiesAsEscapedText() {
		String to = TestEmails.randomAddress();
		UUID id = notifications.email(EmailMessage.of(to, "tests.pages", "Check <script>", "Text <script>alert(1)</script>")
			.withHtml("<p onclick=\"x()\">Hi</p><script>alert(2)</script>"));
		var operator = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT);
		var web = new WebSession(port);
		web.submitPassword(operator.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		assertThat(location(web.post("/login/second-factor", Map.of("code", TestUsers.code(operator.secret(), 0)))))
			.isEqualTo("/");

		var list = web.get("/operator/outbox?to=" + to + "&category=tests.&status=QUEUED");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(html(list).select("table.outbox tbody tr")).hasSize(1);
		assertThat(html(list).select("table.outbox a").attr("href")).isEqualTo("/operator/outbox/" + id);
		assertThat(html(list).select(".notice").text()).contains("No SMTP server is configured");
		var badStatus = web.get("/operator/outbox?status=LOST");
		assertThat(badStatus.statusCode()).isEqualTo(200);
		assertThat(html(badStatus).select("#status-error").text()).contains("Status must be");

		var detail = web.get("/operator/outbox/" + id);
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(detail.body()).doesNotContain("<script>alert").doesNotContain("<p onclick");
		assertThat(html(detail).select("pre.mail-body").eachText()).containsExactly("Text <script>alert(1)</script>",
				"<p onclick=\"x()\">Hi</p><script>alert(2)</script>");
		assertThat(html(detail).select("h1").text()).isEqualTo("Check <script>");
		assertThat(web.get("/operator/outbox/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@Test
	void operatorOutboxWhenCustomerThenForbidden() {
		UUID id = notifications.email(TestEmails.plain(TestEmails.randomAddress()));
		var web = loggedIn(customer());

		assertThat(web.get("/operator/outbox").statusCode()).isEqualTo(403);
		assertThat(web.get("/operator/outbox/" + id).statusCode()).isEqualTo(403);
	}

	private UserAccount customer() {
		return TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_MEMBER);
	}

	private WebSession loggedIn(UserAccount user) {
		var web = new WebSession(port);
		assertThat(location(web.submitPassword(user.email(), TestUsers.PASSWORD))).isEqualTo("/");
		return web;
	}

}
