package dev.gatehouse.apps;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixture builders for apps: a complete, valid draft, and the scopes it uses. */
public final class TestApps {

	public static final Scope READ_APPOINTMENTS = new Scope("test.appointments.read", "See your appointments",
			ScopeTier.BASIC, List.of("appointments"), false, false);

	public static final Scope READ_PATIENTS = new Scope("test.patients.read", "See your patients' records",
			ScopeTier.RESTRICTED, List.of("patients", "health"), false, false);

	public static final Scope CHARGE = new Scope("test.payments.charge", "Charge your clients",
			ScopeTier.SENSITIVE, List.of("payments"), false, true);

	public static final Scope MARKETING = new Scope("test.contacts.share", "Share contacts with partners",
			ScopeTier.SENSITIVE, List.of("contacts"), true, false);

	private TestApps() {
	}

	public static void defineScopes(ScopeCatalogue catalogue) {
		for (Scope scope : List.of(READ_APPOINTMENTS, READ_PATIENTS, CHARGE, MARKETING)) {
			catalogue.define(scope);
		}
	}

	public static Map<String, Scope> catalogue() {
		return Map.of(READ_APPOINTMENTS.name(), READ_APPOINTMENTS, READ_PATIENTS.name(), READ_PATIENTS, CHARGE.name(),
				CHARGE, MARKETING.name(), MARKETING);
	}

	public static String uniqueName() {
		return "App " + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Everything a submission needs, requesting the basic appointments scope. */
	public static AppDraft complete(String name) {
		return new AppDraft("app",
				new Listing(name, "Reminders for every appointment", "Sends reminders before each appointment so fewer are missed.",
						"Scheduling", "https://reminders.example.com", "https://reminders.example.com/privacy",
						"https://reminders.example.com/terms", "help@reminders.example.com",
						"https://reminders.example.com/support", "https://reminders.example.com/setup"),
				List.of("https://reminders.example.com/oauth/callback", "http://localhost:3000/callback"),
				"https://reminders.example.com/webhooks",
				List.of(new RequestedScope(READ_APPOINTMENTS.name(), "We read appointments to schedule the reminders.", null)),
				new DataUse(List.of(new DataUse.CategoryUse("appointments", List.of("send reminders"), LawfulBasis.CONTRACT,
						"30 days after the appointment", "EU")), false, null, false, List.of(), List.of(), false, null),
				new SecurityQuestionnaire(true, true, true, "security@reminders.example.com", LocalDate.now().minusMonths(3),
						null));
	}

	/** A blank square PNG of the given size, a valid logo under the reference pack's rules from 256 up. */
	public static byte[] logoPng(int size) {
		try {
			var image = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_ARGB);
			var out = new java.io.ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public static AppDraft withScopes(AppDraft draft, List<RequestedScope> scopes, DataUse dataUse) {
		return new AppDraft(draft.appType(), draft.listing(), draft.redirectUris(), draft.webhookUrl(), scopes, dataUse,
				draft.security());
	}

	public static AppDraft withRedirects(AppDraft draft, List<String> redirects) {
		return new AppDraft(draft.appType(), draft.listing(), redirects, draft.webhookUrl(), draft.scopes(),
				draft.dataUse(), draft.security());
	}

}
