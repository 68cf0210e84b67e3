package dev.gatehouse.incidents.internal;

import dev.gatehouse.incidents.BlastRadius.AffectedAccount;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentClock;
import dev.gatehouse.incidents.IncidentDossier;
import dev.gatehouse.incidents.Notice;
import dev.gatehouse.shared.pdf.PdfReport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The dossier as a PDF: the report, the clocks, the blast radius per account, the notices and the timeline. */
public final class DossierPdf {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private DossierPdf() {
	}

	public static byte[] render(IncidentDossier d) {
		Incident i = d.incident();
		var pdf = PdfReport.titled("Incident " + i.reference() + ": " + i.title())
			.subtitle("Dossier exported " + when(d.exportedAt()) + " · clause " + d.clause())
			.createdAt(d.exportedAt());
		Map<String, String> report = new LinkedHashMap<>();
		report.put("Status", i.status().name().toLowerCase(java.util.Locale.ROOT));
		report.put("Self-reported", i.selfReported() ? "yes" : "no (found by the platform)");
		report.put("Platform aware", when(i.platformAwareAt()));
		report.put("Reported by", i.reportedBy());
		report.put("Discovered", when(i.discoveredAt()));
		report.put("Exposure window", when(i.windowFrom()) + " to " + when(i.windowTo()));
		report.put("Apps", d.appNames().entrySet().stream().map(e -> e.getValue() + " (" + e.getKey() + ")")
			.collect(Collectors.joining(", ")));
		report.put("Data categories", String.join(", ", i.dataCategories()));
		report.put("Contact", i.contact());
		if (i.sourceFinding() != null) {
			report.put("From finding", i.sourceFinding());
		}
		report.put("Authority notified", i.authorityNotifiedAt() == null ? "not recorded"
				: when(i.authorityNotifiedAt()) + (i.authorityReference() == null ? "" : " (reference " + i.authorityReference() + ")"));
		report.put("Every customer notified", i.customersNotifiedAt() == null ? "not yet" : when(i.customersNotifiedAt()));
		if (i.closedAt() != null) {
			report.put("Closed", when(i.closedAt()) + ": " + i.closureNote());
		}
		pdf.heading("Report").fields(report);
		pdf.heading("What happened").paragraph(i.description());
		pdf.heading("Containment").paragraph(i.containment());
		pdf.heading("Clocks (limit " + d.notificationLimit().toHours() + " h from awareness)")
			.table(List.of("Clock", "State", "Due", "Stopped", "Elapsed"),
					List.of(clock("Supervisory authority", d.clocks().authority()),
							clock("Every affected customer", d.clocks().customers())),
					2, 1.2f, 1.6f, 1.6f, 1);
		for (var s : d.snapshots()) {
			var snap = s.snapshot();
			pdf.heading((snap.current() ? "Blast radius (current)" : "Earlier blast radius") + ", computed "
					+ when(snap.computedAt()) + " by " + snap.computedBy());
			pdf.paragraph("Window " + when(snap.windowFrom()) + " to " + when(snap.windowTo()) + ": " + snap.accounts()
					+ " affected account(s), " + snap.subjects() + " data subject(s), " + snap.touches() + " touch(es).");
			if (!s.accounts().isEmpty()) {
				pdf.table(List.of("Customer account", "Account id", "Subjects", "Touches", "Subjects per category"),
						s.accounts().stream().map(DossierPdf::account).toList(), 2, 2.4f, 0.8f, 0.8f, 2.4f);
			}
		}
		pdf.heading("Notices");
		if (d.notices().isEmpty()) {
			pdf.paragraph("No notice has been sent.");
		}
		else {
			pdf.table(List.of("Account", "Admin", "Queued", "Status", "Sent", "Read"),
					d.notices().stream().map(n -> notice(n, d)).toList(), 2, 2.2f, 1.3f, 0.8f, 1.3f, 1.3f);
		}
		pdf.heading("Timeline")
			.table(List.of("When", "What", "Who", "Detail"), d.timeline()
				.stream()
				.map(t -> List.of(when(t.occurredAt()), t.type(), t.actor(), t.detail() == null ? "" : t.detail()))
				.toList(), 1.3f, 1.3f, 1.5f, 3.5f);
		return pdf.toBytes();
	}

	private static List<String> clock(String name, IncidentClock c) {
		return List.of(name, c.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), when(c.dueAt()),
				c.stoppedAt() == null ? "–" : when(c.stoppedAt()), IncidentClock.format(c.elapsed()));
	}

	private static List<String> account(AffectedAccount a) {
		return List.of(a.accountName(), a.accountId().toString(), Long.toString(a.subjects()), Long.toString(a.touches()),
				a.subjectsPerCategory().entrySet().stream().sorted(Map.Entry.comparingByKey())
					.map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
	}

	private static List<String> notice(Notice n, IncidentDossier d) {
		String account = d.snapshots().stream()
			.flatMap(s -> s.accounts().stream())
			.filter(a -> a.accountId().equals(n.accountId()))
			.map(AffectedAccount::accountName)
			.findFirst()
			.orElse(n.accountId().toString());
		return List.of(account, n.email(), when(n.queuedAt()), n.status().name().toLowerCase(java.util.Locale.ROOT),
				n.sentAt() == null ? "–" : when(n.sentAt()), n.readAt() == null ? "–" : when(n.readAt()));
	}

	private static String when(Instant instant) {
		return instant == null ? "–" : WHEN.format(instant);
	}

	static String id(UUID id) {
		return id.toString();
	}

}
