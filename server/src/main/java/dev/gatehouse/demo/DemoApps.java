package dev.gatehouse.demo;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppLogos;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.apps.SecurityQuestionnaire;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;

import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import javax.imageio.ImageIO;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A clinic platform's scope catalogue and apps in several states: one published (with an approved
 * and a pending sub-processor), one waiting for review, one with changes requested, one suspended,
 * and a draft.
 */
@Component
@Profile("demo")
class DemoApps {

	private static final String REVIEWER = "reviewer@gatehouse.demo";

	private final ScopeCatalogue catalogue;

	private final AppRegistry registry;

	private final AppLogos logos;

	private final AppCredentials credentials;

	private final DemoLogins logins;

	private final dev.gatehouse.webhooks.Webhooks webhooks;

	DemoApps(ScopeCatalogue catalogue, AppRegistry registry, AppLogos logos, AppCredentials credentials,
			DemoLogins logins, dev.gatehouse.webhooks.Webhooks webhooks) {
		this.catalogue = catalogue;
		this.registry = registry;
		this.logos = logos;
		this.credentials = credentials;
		this.logins = logins;
		this.webhooks = webhooks;
	}

	/** Seeds the apps; returns the client id of the published app's production client. */
	String seed(OrganizationId northwind, UserId dana, OrganizationId bluebird, UserId bea) {
		catalogue.define(new Scope("appointments:read", "See the appointments in your calendar", ScopeTier.BASIC,
				List.of("appointments"), false, false));
		catalogue.define(new Scope("appointments:write", "Book, move and cancel appointments", ScopeTier.SENSITIVE,
				List.of("appointments"), false, false));
		catalogue.define(new Scope("patients:read", "See your patients' contact details and records", ScopeTier.RESTRICTED,
				List.of("patients", "health"), false, false));
		catalogue.define(new Scope("patients:write", "Add, correct and delete your patients' records", ScopeTier.RESTRICTED,
				List.of("patients", "health"), false, false));
		catalogue.define(new Scope("messages:send", "Send messages to your patients in your name", ScopeTier.SENSITIVE,
				List.of("patients", "messages"), false, false));
		catalogue.define(new Scope("payments:charge", "Charge your patients' saved payment methods", ScopeTier.RESTRICTED,
				List.of("payments"), false, true));

		App reminders = registry.create(northwind, dana, draft("Northwind Reminders", "Appointment reminders by text and email",
				"Sends each patient a reminder before their appointment and a link to confirm or move it.", "Messaging",
				"https://reminders.northwind-apps.example", List.of(scope("appointments:read", "Reads appointments to know when to send reminders."),
						scope("messages:send", "Sends the reminder messages to patients on the clinic's behalf.")),
				List.of("appointments", "patients", "messages")));
		withLogo(reminders, dana, new Color(0x0A4FA3), "NR");
		approve(reminders, dana);
		registry.publish(reminders.id(), "dev@northwind-apps.example");
		// A working client for newcomers (curl the token endpoint) and for the benchmarks in bench/.
		IssuedSecret client = credentials.issueClientSecret(reminders.id(), dana, Environment.PRODUCTION, null);
		logins.saveClient(new DemoClient("Northwind Reminders", client.clientId(), client.secret()));
		// Its webhook endpoint is an example host that never answers: the delivery log shows the retries.
		credentials.rotateWebhookSecret(reminders.id(), dana);
		webhooks.sendTest(reminders.id(), "dev@northwind-apps.example");
		var relay = registry.addSubProcessor(reminders.id(), dana, "RelayMail Ltd", "Delivers reminder emails", "IE",
				List.of("patients", "messages"));
		registry.decideSubProcessor(relay.id(), true, "compliance@gatehouse.demo", "Demo data: DPA on file");
		registry.addSubProcessor(reminders.id(), dana, "TextFast Inc", "Delivers reminder text messages", "US",
				List.of("patients", "messages"));

		App insights = registry.create(northwind, dana, draft("Northwind Insights", "No-show analytics for clinics",
				"Shows which appointment slots are missed most and suggests overbooking limits per weekday.", "Analytics",
				"https://insights.northwind-apps.example", List.of(scope("appointments:read",
						"Reads appointment history to compute no-show rates per slot.")), List.of("appointments")));
		withLogo(insights, dana, new Color(0x116329), "NI");
		registry.submit(insights.id(), dana);

		App booking = registry.create(bluebird, bea, draft("Bluebird Booking", "Online booking on your website",
				"A booking widget for the clinic's own website that writes straight into the calendar.", "Scheduling",
				"https://booking.bluebird-labs.example", List.of(scope("appointments:write",
						"Creates the appointments that patients book on the clinic's website.")), List.of("appointments")));
		withLogo(booking, bea, new Color(0x8250DF), "BB");
		registry.submit(booking.id(), bea);
		registry.startReview(booking.id(), REVIEWER);
		registry.requestChanges(booking.id(), REVIEWER,
				"Link the setup guide from the listing, and explain how cancellations made in the widget reach the clinic.");

		App charges = registry.create(bluebird, bea, draft("Bluebird Deposits", "Take deposits when patients book",
				"Charges a deposit for long appointments and refunds it when the patient shows up.", "Billing and payments",
				"https://deposits.bluebird-labs.example", List.of(scope("appointments:read",
						"Reads appointments to know which ones need a deposit.")), List.of("appointments")));
		withLogo(charges, bea, new Color(0xA40E26), "BD");
		approve(charges, bea);
		registry.changeStatus(charges.id(), AppStatus.SUSPENDED, "compliance@gatehouse.demo",
				"Demo data: privacy policy link returned 404 for 3 days");

		// Live, but its calls only ever read appointments: monitoring suggests dropping messages:send,
		// and DemoMonitoring's burst of refused calls gives it a probing finding.
		App recall = registry.create(northwind, dana, draft(DemoMonitoring.RECALL, "Recall patients who are due a check-up",
				"Finds patients whose last visit was long ago and invites them to book their next check-up.", "Messaging",
				"https://recall.northwind-apps.example", List.of(scope("appointments:read",
						"Reads past appointments to find the patients who are due a check-up."),
						scope("messages:send", "Sends the check-up invitations to patients on the clinic's behalf.")),
				List.of("appointments", "patients", "messages")));
		withLogo(recall, dana, new Color(0x9A6700), "RC");
		approve(recall, dana);
		registry.publish(recall.id(), "dev@northwind-apps.example");

		registry.create(northwind, dana, draft("Northwind Forms", "Intake forms before the visit",
				"Patients fill in intake forms at home; answers land in the patient record.", "Documents",
				"https://forms.northwind-apps.example", List.of(), List.of()));
		return client.clientId();
	}

	private void approve(App app, UserId developer) {
		registry.submit(app.id(), developer);
		registry.startReview(app.id(), REVIEWER);
		registry.approve(app.id(), REVIEWER, "Demo data: meets the policy");
	}

	private void withLogo(App app, UserId developer, Color color, String initials) {
		logos.upload(app.id(), developer, logo(color, initials), "logo.png", "image/png");
	}

	private static AppDraft draft(String name, String tagline, String description, String category, String site,
			List<RequestedScope> scopes, List<String> categories) {
		return new AppDraft("app", new Listing(name, tagline, description, category, site, site + "/privacy",
				site + "/terms", "support@" + site.substring("https://".length()), site + "/support", site + "/setup"),
				List.of(site + "/oauth/callback", "http://localhost:3000/callback"), site + "/webhooks", scopes,
				new DataUse(categories.stream()
					.map(c -> new DataUse.CategoryUse(c, List.of("provide the service the clinic installed"),
							LawfulBasis.CONTRACT, "until the clinic uninstalls, then 30 days", "EU"))
					.toList(), false, null, false, List.of(), List.of(), false, null),
				new SecurityQuestionnaire(true, true, true, "security@" + site.substring("https://".length()),
						LocalDate.now().minusMonths(4), null));
	}

	private static RequestedScope scope(String name, String justification) {
		return new RequestedScope(name, justification, null);
	}

	static byte[] logo(Color color, String initials) {
		var image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
		var g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(color);
		g.fillRoundRect(0, 0, 256, 256, 48, 48);
		g.setColor(Color.WHITE);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 110));
		var metrics = g.getFontMetrics();
		g.drawString(initials, (256 - metrics.stringWidth(initials)) / 2, (256 - metrics.getHeight()) / 2 + metrics.getAscent());
		g.dispose();
		try (var out = new ByteArrayOutputStream()) {
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
