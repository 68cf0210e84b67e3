package dev.gatehouse.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.notifications.Notifications;

import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the flows that cross modules over real HTTP and real SMTP: Gatehouse on a random port,
 * GreenMail as the mail server, and a local web server standing in for a developer's domain
 * ({@code localhost}, allowlisted for the outbound client). Every subclass shares one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "gatehouse.outbound.allowed-hosts=localhost",
				"gatehouse.developers.verification-scheme=http",
				"gatehouse.webhooks.allow-http=true" })
public abstract class FullStackTest {

	protected static final int SMTP_PORT = freePort();

	protected static final DomainServer DOMAIN = DomainServer.start();

	@RegisterExtension
	protected static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void ports(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("gatehouse.developers.verification-port", DOMAIN::port);
		registry.add("gatehouse.outbound.allowed-ports", DOMAIN::port);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected Notifications notifications;

	protected WebSession web() {
		return new WebSession(port);
	}

	/** A browser session past the password and the second factor of an enrolled user. */
	protected WebSession signIn(TestUsers.Enrolled user) {
		var web = web();
		web.submitPassword(user.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", java.util.Map.of("code", TestUsers.code(user.secret(), 0)));
		return web;
	}

	/** Sends what is queued and returns the messages GreenMail received for {@code to}. */
	protected List<MimeMessage> mailTo(String to) {
		while (notifications.sendPendingNow() > 0) {
			// a round sends one batch; drain them all
		}
		return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipients(m).contains(to.toLowerCase())).toList();
	}

	/** The first path-and-query link to {@code path} in the newest mail to {@code to}. */
	protected String linkInMail(String to, String path) {
		List<MimeMessage> messages = mailTo(to);
		if (messages.isEmpty()) {
			throw new AssertionError("no mail to " + to);
		}
		String body = text(messages.getLast());
		Matcher matcher = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "[^\\s]*)").matcher(body);
		if (!matcher.find()) {
			throw new AssertionError("no link to " + path + " in: " + body);
		}
		return matcher.group(1);
	}

	protected static String text(MimeMessage message) {
		try {
			Object content = message.getContent();
			if (content instanceof String text) {
				return text;
			}
			var multipart = (jakarta.mail.internet.MimeMultipart) content;
			return multipart.getBodyPart(0).getContent().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recipients(MimeMessage message) {
		try {
			return Arrays.toString(message.getAllRecipients()).toLowerCase();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Serves a developer's well-known verification file; tests set what it contains. */
	public static final class DomainServer {

		private final HttpServer server;

		private volatile String wellKnown = "";

		private WebhookReceiver hooks;

		private DomainServer(HttpServer server) {
			this.server = server;
		}

		/** Webhook endpoints at {@code http://localhost:<port>/hooks/<key>}. */
		public WebhookReceiver hooks() {
			return hooks;
		}

		public String hookUrl(String key) {
			return "http://localhost:" + port() + "/hooks/" + key;
		}

		static DomainServer start() {
			try {
				var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				var domain = new DomainServer(server);
				server.createContext("/.well-known/gatehouse-verification.txt", exchange -> {
					byte[] body = domain.wellKnown.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "text/plain");
					exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
					if (body.length > 0) {
						exchange.getResponseBody().write(body);
					}
					exchange.close();
				});
				domain.hooks = WebhookReceiver.mount(server);
				// Each exchange on its own thread: a slow webhook receiver must not hold up the others.
				server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
				server.start();
				return domain;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public int port() {
			return server.getAddress().getPort();
		}

		public void serve(String body) {
			this.wellKnown = body;
		}

	}

}
