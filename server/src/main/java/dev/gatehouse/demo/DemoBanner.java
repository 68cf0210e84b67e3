package dev.gatehouse.demo;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints where Gatehouse listens and how to log in, once it is ready. */
@Component
@Profile("demo")
class DemoBanner {

	private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);

	private final DemoLogins logins;

	DemoBanner(DemoLogins logins) {
		this.logins = logins;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		int port = event.getApplicationContext() instanceof WebServerApplicationContext web
				? web.getWebServer().getPort() : 8080;
		String url = "http://localhost:" + port;
		String platform = event.getApplicationContext().getEnvironment().getProperty("local.gatehouse.gateway.port") == null
				? url + "/platform"
				: "http://localhost:" + event.getApplicationContext().getEnvironment().getProperty("local.gatehouse.gateway.port")
						+ "/platform (also " + url + "/platform)";
		String table = logins.load()
			.stream()
			.map(l -> String.format("   %-34s %-22s %s", l.email(), l.role(), l.totpSecret() == null ? "(no 2FA)"
					: "TOTP key " + l.totpSecret()))
			.collect(Collectors.joining("\n"));
		String clients = logins.loadClients()
			.stream()
			.map(c -> String.format("   %s: client id %s, secret %s", c.app(), c.clientId(), c.secret()))
			.collect(Collectors.joining("\n"));
		log.info("""

				==========================================================================================
				 Gatehouse demo is running: {}
				 Platform API (the gateway): {}
				 Demo logins (password for all: {}):
				{}
				 Two-factor codes: add a TOTP key to an authenticator app, or open {}/demo
				 for the current codes (demo profile only).
				 Demo OAuth clients (client credentials: POST {}/oauth2/token):
				{}
				==========================================================================================""",
				url, platform, DemoData.PASSWORD, table, url, url, clients);
	}

}
