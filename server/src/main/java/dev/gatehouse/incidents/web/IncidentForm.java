package dev.gatehouse.incidents.web;

import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IntakeCommand;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The intake form (developer report, operator opening, operator amendment). Times are entered in
 * UTC ({@code datetime-local}); apps are ids (checkboxes for developers, lines for operators).
 */
public class IncidentForm {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private String title = "";

	private List<String> apps = new ArrayList<>();

	private String appIds = "";

	private String discoveredAt = "";

	private String windowFrom = "";

	private String windowTo = "";

	private String dataCategories = "";

	private String description = "";

	private String containment = "";

	private String contact = "";

	private String sourceFinding = "";

	public static IncidentForm of(Incident i) {
		var form = new IncidentForm();
		form.title = i.title();
		form.apps = i.appIds().stream().map(UUID::toString).toList();
		form.appIds = String.join("\n", form.apps);
		form.discoveredAt = local(i.discoveredAt());
		form.windowFrom = local(i.windowFrom());
		form.windowTo = local(i.windowTo());
		form.dataCategories = String.join(", ", i.dataCategories());
		form.description = i.description();
		form.containment = i.containment();
		form.contact = i.contact();
		form.sourceFinding = i.sourceFinding() == null ? "" : i.sourceFinding();
		return form;
	}

	/** A blank form with the window of the last day, discovered now. */
	public static IncidentForm blank(Instant now) {
		var form = new IncidentForm();
		form.discoveredAt = local(now);
		form.windowFrom = local(now.minus(1, ChronoUnit.DAYS));
		form.windowTo = local(now);
		return form;
	}

	/**
	 * The command, or the fields that could not be read put in {@code errors}.
	 * @param fromLines read the apps from the free-text ids (operators) rather than the checkboxes
	 */
	public IntakeCommand toCommand(boolean fromLines, Map<String, String> errors) {
		List<UUID> ids = new ArrayList<>();
		List<String> given = fromLines ? Arrays.stream(appIds.split("[\\s,]+")).filter(s -> !s.isBlank()).toList() : apps;
		for (String id : given) {
			try {
				ids.add(UUID.fromString(id.strip()));
			}
			catch (IllegalArgumentException ex) {
				errors.putIfAbsent("apps", "Give app ids, one per line.");
			}
		}
		Instant discovered = instant("discoveredAt", discoveredAt, errors);
		Instant from = instant("windowFrom", windowFrom, errors);
		Instant to = instant("windowTo", windowTo, errors);
		List<String> categories = Arrays.stream(dataCategories.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
		return new IntakeCommand(title, ids, discovered, from, to, categories, description, containment, contact,
				sourceFinding.isBlank() ? null : sourceFinding.strip());
	}

	private static Instant instant(String field, String value, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip().length() > 16 ? value.strip().substring(0, 16) : value.strip(), LOCAL)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			errors.putIfAbsent(field, "Give a date and time (UTC) such as 2026-03-01T09:30.");
			return null;
		}
	}

	static String local(Instant instant) {
		return instant == null ? "" : LOCAL.format(instant.atOffset(ZoneOffset.UTC));
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

	public String getTitle() { return title; }
	public void setTitle(String v) { title = nz(v); }
	public List<String> getApps() { return apps; }
	public void setApps(List<String> v) { apps = v == null ? new ArrayList<>() : v; }
	public String getAppIds() { return appIds; }
	public void setAppIds(String v) { appIds = nz(v); }
	public String getDiscoveredAt() { return discoveredAt; }
	public void setDiscoveredAt(String v) { discoveredAt = nz(v); }
	public String getWindowFrom() { return windowFrom; }
	public void setWindowFrom(String v) { windowFrom = nz(v); }
	public String getWindowTo() { return windowTo; }
	public void setWindowTo(String v) { windowTo = nz(v); }
	public String getDataCategories() { return dataCategories; }
	public void setDataCategories(String v) { dataCategories = nz(v); }
	public String getDescription() { return description; }
	public void setDescription(String v) { description = nz(v); }
	public String getContainment() { return containment; }
	public void setContainment(String v) { containment = nz(v); }
	public String getContact() { return contact; }
	public void setContact(String v) { contact = nz(v); }
	public String getSourceFinding() { return sourceFinding; }
	public void setSourceFinding(String v) { sourceFinding = nz(v); }

}
