package dev.gatehouse.demo;

import dev.gatehouse.shared.web.WebProperties;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo's front door: logins and their current two-factor codes, refreshed by htmx. Exists only
 * in the demo profile, whose accounts are public by design.
 */
@Controller
@Profile("demo")
class DemoController {

	static final String REDIRECT_URI = "http://localhost:3000/callback";

	static final String SCOPE = "appointments:read messages:send";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DemoLogins logins;

	private final WebProperties web;

	private final Environment environment;

	DemoController(DemoLogins logins, WebProperties web, Environment environment) {
		this.environment = environment;
		this.logins = logins;
		this.web = web;
	}

	@GetMapping("/demo")
	String page(Model model) {
		model.addAttribute("logins", rows());
		logins.loadClients().stream().findFirst().ifPresent(client -> model.addAttribute("tryIt", tryIt(client)));
		return "demo/index";
	}

	/**
	 * A real authorization code flow with PKCE for the demo's production client, by hand: the page
	 * makes a fresh verifier, the visitor consents as the clinic's owner and exchanges the code with curl.
	 */
	private TryIt tryIt(DemoClient client) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String authorize = web.link("/oauth2/authorize?response_type=code&client_id=" + encode(client.clientId())
				+ "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=" + encode(SCOPE) + "&code_challenge="
				+ challenge(verifier) + "&code_challenge_method=S256&state=demo");
		String exchange = "curl -s -u '" + client.clientId() + ":" + client.secret()
				+ "' -d grant_type=authorization_code -d redirect_uri=" + REDIRECT_URI + " -d code_verifier=" + verifier
				+ " -d code=PASTE_THE_CODE " + web.link("/oauth2/token");
		String call = "curl -s -H \"Authorization: Bearer PASTE_THE_ACCESS_TOKEN\" " + web.link("/platform/v1/appointments?limit=3");
		return new TryIt(client.app(), authorize, exchange, call, listenerCall());
	}

	/** The same call on the gateway's dedicated listener (the port apps should be given), when it is open. */
	private String listenerCall() {
		Integer port = environment.getProperty("local.gatehouse.gateway.port", Integer.class);
		if (port == null) {
			return null;
		}
		URI base = URI.create(web.link("/"));
		return "curl -s -H \"Authorization: Bearer PASTE_THE_ACCESS_TOKEN\" " + base.getScheme() + "://" + base.getHost() + ":"
				+ port + "/platform/v1/appointments?limit=3";
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	record TryIt(String app, String authorizeUrl, String exchangeCommand, String callCommand, String listenerCallCommand) {
	}

	@GetMapping("/demo/codes")
	String codes(Model model) {
		model.addAttribute("logins", rows());
		return "demo/index :: codes";
	}

	private List<Row> rows() {
		return logins.load()
			.stream()
			.map(l -> new Row(l.email(), l.password(), l.role(), l.totpSecret() == null ? null : DemoLogins.code(l.totpSecret(), 0)))
			.toList();
	}

	record Row(String email, String password, String role, String code) {
	}

}
