package dev.gatehouse.policy.pack;

import dev.gatehouse.policy.pack.PolicyPack.AppType;
import dev.gatehouse.policy.pack.PolicyPack.Brand;
import dev.gatehouse.policy.pack.PolicyPack.Clause;
import dev.gatehouse.policy.pack.PolicyPack.Deadlines;
import dev.gatehouse.policy.pack.PolicyPack.LogoRules;
import dev.gatehouse.policy.pack.PolicyPack.MechanismUse;
import dev.gatehouse.policy.pack.PolicyPack.PenaltyLadder;
import dev.gatehouse.policy.pack.PolicyPack.ProhibitedCategory;
import dev.gatehouse.policy.pack.PolicyPack.Triage;
import dev.gatehouse.policy.pack.PolicyPack.WordLists;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses and validates a policy pack (format {@code gatehouse.policy-pack/v1}). Every error names
 * its line, column and field; a mechanism id that Gatehouse does not implement is an error.
 */
public final class PolicyPackParser {

	public static final String FORMAT = "gatehouse.policy-pack/v1";

	static final int MAX_BYTES = 512 * 1024;

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

	private static final Pattern CLAUSE_ID = Pattern.compile("[A-Z]{2,4}-[0-9]{1,3}");

	private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

	private static final Set<String> LOGO_FORMATS = Set.of("png", "jpeg", "webp");

	private PolicyPackParser() {
	}

	public static PackParseResult parse(String yaml) {
		List<PackError> errors = new ArrayList<>();
		if (yaml == null || yaml.isBlank()) {
			return new PackParseResult(null, List.of(new PackError(1, 1, "", "the pack is empty")));
		}
		if (yaml.length() > MAX_BYTES) {
			return new PackParseResult(null, List.of(new PackError(1, 1, "", "the pack is larger than 512 KiB")));
		}
		Node root;
		try {
			var options = new LoaderOptions();
			options.setAllowDuplicateKeys(true); // reported by YamlFields with a line number instead
			options.setMaxAliasesForCollections(20);
			options.setCodePointLimit(MAX_BYTES);
			root = new Yaml(options).compose(new StringReader(yaml));
		}
		catch (MarkedYAMLException ex) {
			var mark = ex.getProblemMark();
			return new PackParseResult(null, List.of(new PackError(mark == null ? 1 : mark.getLine() + 1,
					mark == null ? 1 : mark.getColumn() + 1, "", "not valid YAML: " + ex.getProblem())));
		}
		catch (YAMLException ex) {
			return new PackParseResult(null, List.of(new PackError(1, 1, "", "not valid YAML")));
		}
		var top = new YamlFields(root, "", errors);
		PolicyPack pack = top.valid() ? read(top) : null;
		top.finish();
		errors.sort(Comparator.comparingInt(PackError::line).thenComparingInt(PackError::column));
		return errors.isEmpty() ? new PackParseResult(pack, List.of()) : new PackParseResult(null, List.copyOf(errors));
	}

	private static PolicyPack read(YamlFields top) {
		String format = top.string("format", true);
		if (format != null && !FORMAT.equals(format)) {
			top.error(top.raw("format"), "format", "must be " + FORMAT);
		}
		var meta = top.object("pack");
		String id = null, name = null, version = null, platform = null, summary = null;
		if (meta != null) {
			id = meta.matching("id", ID, "lower-case letters, digits and dashes (2 to 40)");
			name = meta.string("name", true);
			version = meta.matching("version", VERSION, "a semantic version such as 1.0.0");
			platform = meta.string("platformName", true);
			summary = meta.string("summary", true);
			meta.finish();
		}
		List<AppType> appTypes = appTypes(top);
		Deadlines deadlines = deadlines(top.object("deadlines"));
		Brand brand = brand(top.object("brand"));
		WordLists wordLists = wordLists(top.object("wordLists"));
		List<ProhibitedCategory> categories = categories(top);
		List<Clause> clauses = clauses(top);
		PenaltyLadder ladder = ladder(top.object("penaltyLadder"));
		Triage triage = triage(top.object("triage"));
		return new PolicyPack(id, name, version, platform, summary, appTypes, deadlines, brand, wordLists, categories,
				clauses, ladder, triage);
	}

	private static List<AppType> appTypes(YamlFields top) {
		if (!top.has("appTypes")) {
			top.raw("appTypes");
			return List.of(new AppType("app", "App", "A third-party app"));
		}
		List<AppType> types = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (YamlFields type : top.objects("appTypes", true)) {
			String id = type.matching("id", ID, "lower-case letters, digits and dashes (2 to 40)");
			if (id != null && !seen.add(id)) {
				type.error(type.raw("id"), type.child("id"), "duplicate app type '" + id + "'");
			}
			types.add(new AppType(id, type.string("name", true), type.has("description") ? type.string("description", false) : ""));
			type.finish();
		}
		if (types.isEmpty()) {
			top.error(top.raw("appTypes"), "appTypes", "must not be empty");
		}
		return types;
	}

	private static Deadlines deadlines(YamlFields d) {
		if (d == null) {
			return null;
		}
		var deadlines = new Deadlines(num(d.integer("privacyRequestDays", 1, 365)), num(d.integer("privacyReminderDays", 0, 365)),
				num(d.integer("redactionGraceHours", 0, 24 * 90)), num(d.integer("breachNotificationHours", 1, 24 * 30)),
				num(d.integer("reacceptanceDays", 1, 365)), num(d.integer("evidenceRequestDays", 1, 365)),
				num(d.integer("changeRequestDays", 1, 365)), num(d.integer("remediationDays", 1, 365)));
		d.finish();
		return deadlines;
	}

	private static Brand brand(YamlFields b) {
		if (b == null) {
			return null;
		}
		List<String> names = b.strings("protectedNames", true, true);
		List<String> terms = lower(b.strings("forbiddenTerms", true, false));
		LogoRules logo = null;
		YamlFields l = b.object("logo");
		if (l != null) {
			List<String> formats = l.strings("formats", true, true);
			if (formats != null) {
				for (String format : formats) {
					if (!LOGO_FORMATS.contains(format)) {
						l.error(l.raw("formats"), l.child("formats"), "unsupported image format '" + format
								+ "' (png, jpeg and webp only; no SVG)");
					}
				}
			}
			Integer maxBytes = l.integer("maxBytes", 1, 10 * 1024 * 1024);
			Integer min = l.integer("minPixels", 16, 8192);
			Integer max = l.integer("maxPixels", 16, 8192);
			Boolean square = l.bool("square");
			if (min != null && max != null && min > max) {
				l.error(l.raw("minPixels"), l.child("minPixels"), "must not exceed maxPixels");
			}
			l.finish();
			logo = new LogoRules(formats == null ? Set.of() : Set.copyOf(formats), num(maxBytes), num(min), num(max),
					Boolean.TRUE.equals(square));
		}
		b.finish();
		return new Brand(names, terms, logo);
	}

	private static WordLists wordLists(YamlFields w) {
		if (w == null) {
			return null;
		}
		var lists = new WordLists(lower(w.strings("profanity", true, false)), lower(w.strings("endorsementClaims", true, false)),
				lower(w.strings("sensitiveRequests", true, false)), lower(w.strings("misleadingClaims", true, false)));
		w.finish();
		return lists;
	}

	private static List<ProhibitedCategory> categories(YamlFields top) {
		List<ProhibitedCategory> categories = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (YamlFields c : top.objects("prohibitedCategories", true)) {
			String id = c.matching("id", ID, "lower-case letters, digits and dashes (2 to 40)");
			if (id != null && !seen.add(id)) {
				c.error(c.raw("id"), c.child("id"), "duplicate category '" + id + "'");
			}
			categories.add(new ProhibitedCategory(id, c.string("name", true), lower(c.strings("terms", true, true))));
			c.finish();
		}
		return categories;
	}

	private static List<Clause> clauses(YamlFields top) {
		List<Clause> clauses = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		List<YamlFields> items = top.objects("clauses", true);
		if (items.isEmpty() && top.has("clauses")) {
			top.error(top.raw("clauses"), "clauses", "at least one clause is required");
		}
		for (YamlFields c : items) {
			String id = c.matching("id", CLAUSE_ID, "two to four capital letters, a dash and a number, such as DP-1");
			if (id != null && !seen.add(id)) {
				c.error(c.raw("id"), c.child("id"), "duplicate clause '" + id + "'");
			}
			String section = c.string("section", true);
			String title = c.string("title", true);
			String text = c.string("text", true);
			Severity severity = severity(c, "severity");
			List<String> covers = c.strings("covers", true, true);
			if (covers != null) {
				Node coversNode = c.raw("covers");
				for (int i = 0; i < covers.size(); i++) {
					if (!CatalogueIds.ALL.contains(covers.get(i))) {
						c.error(item(coversNode, i), c.child("covers") + "[" + i + "]",
								"'" + covers.get(i) + "' is not a policy catalogue id");
					}
				}
			}
			List<MechanismUse> mechanisms = new ArrayList<>();
			List<YamlFields> uses = c.objects("mechanisms", true);
			if (uses.isEmpty() && c.has("mechanisms")) {
				c.error(c.raw("mechanisms"), c.child("mechanisms"), "name at least one mechanism");
			}
			for (YamlFields use : uses) {
				mechanisms.add(mechanism(use));
			}
			c.finish();
			clauses.add(new Clause(id, section, title, text, severity, covers == null ? List.of() : covers, mechanisms));
		}
		return clauses;
	}

	private static MechanismUse mechanism(YamlFields use) {
		String id = use.string("id", true);
		Map<String, Object> params = new LinkedHashMap<>();
		Mechanism mechanism = id == null ? null : Mechanisms.find(id).orElse(null);
		if (id != null && mechanism == null) {
			use.error(use.raw("id"), use.child("id"), "unknown mechanism '" + id + "': Gatehouse does not implement it");
		}
		if (use.has("params")) {
			YamlFields p = use.object("params");
			if (p != null && p.valid()) {
				for (String name : p.keys()) {
					ParamType type = mechanism == null ? null : mechanism.params().get(name);
					Node value = p.raw(name);
					if (mechanism != null && type == null) {
						p.error(tupleKey(p, name), p.child(name), "'" + id + "' has no parameter '" + name + "'");
						continue;
					}
					if (type != null) {
						Object parsed = param(p, name, value, type);
						if (parsed != null) {
							params.put(name, parsed);
						}
					}
				}
				p.finish();
			}
		}
		use.finish();
		return new MechanismUse(id, params);
	}

	private static Object param(YamlFields p, String name, Node value, ParamType type) {
		String where = p.child(name);
		switch (type.kind()) {
			case INT -> {
				if (value instanceof ScalarNode s && s.getValue().matches("-?\\d{1,9}")) {
					return Integer.parseInt(s.getValue());
				}
				p.error(value, where, "expected a whole number");
			}
			case NUMBER -> {
				if (value instanceof ScalarNode s && s.getValue().matches("-?\\d{1,9}(\\.\\d+)?")) {
					return Double.parseDouble(s.getValue());
				}
				p.error(value, where, "expected a number");
			}
			case BOOL -> {
				if (value instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
					return Boolean.valueOf(s.getValue());
				}
				p.error(value, where, "expected true or false");
			}
			case STRING -> {
				if (value instanceof ScalarNode s && !s.getValue().isBlank()) {
					return s.getValue();
				}
				p.error(value, where, "expected a text");
			}
			case CHOICE -> {
				if (value instanceof ScalarNode s && type.choices().contains(s.getValue())) {
					return s.getValue();
				}
				p.error(value, where, "expected one of " + sorted(type.choices()));
			}
			case LIST_OF_CHOICES -> {
				if (value instanceof SequenceNode seq) {
					List<String> items = new ArrayList<>();
					for (int i = 0; i < seq.getValue().size(); i++) {
						Node item = seq.getValue().get(i);
						if (item instanceof ScalarNode s && type.choices().contains(s.getValue())) {
							items.add(s.getValue());
						}
						else {
							p.error(item, where + "[" + i + "]", "expected one of " + sorted(type.choices()));
						}
					}
					return items;
				}
				p.error(value, where, "expected a list");
			}
		}
		return null;
	}

	private static PenaltyLadder ladder(YamlFields l) {
		if (l == null) {
			return null;
		}
		List<PenaltyAction> steps = new ArrayList<>();
		List<String> names = l.strings("steps", true, true);
		if (names != null) {
			Node node = l.raw("steps");
			for (int i = 0; i < names.size(); i++) {
				var action = PenaltyAction.of(names.get(i));
				if (action.isEmpty()) {
					l.error(item(node, i), l.child("steps") + "[" + i + "]", "unknown penalty action '" + names.get(i) + "'");
				}
				else if (steps.contains(action.get())) {
					l.error(item(node, i), l.child("steps") + "[" + i + "]", "'" + names.get(i) + "' appears twice");
				}
				else {
					steps.add(action.get());
				}
			}
		}
		Map<Severity, Integer> start = new EnumMap<>(Severity.class);
		YamlFields s = l.object("startBySeverity");
		if (s != null) {
			for (Severity severity : Severity.values()) {
				Integer index = s.integer(severity.value(), 0, Math.max(0, steps.size() - 1));
				if (index != null) {
					start.put(severity, index);
				}
			}
			s.finish();
		}
		Integer aggravation = l.integer("auditFoundUnreportedSteps", 0, 6);
		Integer window = l.integer("repeatWindowDays", 1, 3650);
		PenaltyAction noticeUpTo = null;
		String notice = l.string("noticeRequiredUpTo", true);
		if (notice != null) {
			noticeUpTo = PenaltyAction.of(notice).orElse(null);
			if (noticeUpTo == null) {
				l.error(l.raw("noticeRequiredUpTo"), l.child("noticeRequiredUpTo"), "unknown penalty action '" + notice + "'");
			}
		}
		l.finish();
		return new PenaltyLadder(List.copyOf(steps), start, num(aggravation), num(window), noticeUpTo);
	}

	private static Triage triage(YamlFields t) {
		if (t == null) {
			return null;
		}
		Set<Severity> auto = EnumSet.noneOf(Severity.class);
		List<String> values = t.strings("autoViolationSeverities", true, false);
		if (values != null) {
			Node node = t.raw("autoViolationSeverities");
			for (int i = 0; i < values.size(); i++) {
				Severity severity = parseSeverity(values.get(i));
				if (severity == null) {
					t.error(item(node, i), t.child("autoViolationSeverities") + "[" + i + "]", "expected low, medium, high or critical");
				}
				else {
					auto.add(severity);
				}
			}
		}
		t.finish();
		return new Triage(auto);
	}

	private static Severity severity(YamlFields fields, String key) {
		String value = fields.string(key, true);
		if (value == null) {
			return null;
		}
		Severity severity = parseSeverity(value);
		if (severity == null) {
			fields.error(fields.raw(key), fields.child(key), "expected low, medium, high or critical");
		}
		return severity;
	}

	private static Severity parseSeverity(String value) {
		for (Severity s : Severity.values()) {
			if (s.value().equals(value)) {
				return s;
			}
		}
		return null;
	}

	private static Node item(Node sequence, int index) {
		return sequence instanceof SequenceNode seq && index < seq.getValue().size() ? seq.getValue().get(index) : sequence;
	}

	private static Node tupleKey(YamlFields fields, String key) {
		return fields.raw(key);
	}

	private static List<String> lower(List<String> values) {
		return values == null ? null : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	private static int num(Integer value) {
		return value == null ? 0 : value;
	}

}
