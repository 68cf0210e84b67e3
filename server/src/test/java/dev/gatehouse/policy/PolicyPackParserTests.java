package dev.gatehouse.policy;

import dev.gatehouse.policy.pack.PackError;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPackParser;
import dev.gatehouse.policy.pack.Severity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyPackParserTests {

	static final String VALID = """
			format: gatehouse.policy-pack/v1
			pack:
			  id: tiny
			  name: Tiny pack
			  version: 1.0.0
			  platformName: Example Platform
			  summary: A pack for tests.
			deadlines:
			  privacyRequestDays: 30
			  privacyReminderDays: 7
			  redactionGraceHours: 48
			  breachNotificationHours: 72
			  reacceptanceDays: 30
			  evidenceRequestDays: 14
			  changeRequestDays: 30
			  remediationDays: 14
			brand:
			  protectedNames: [Example Platform]
			  forbiddenTerms: [Official]
			  logo:
			    formats: [png, webp]
			    maxBytes: 1048576
			    minPixels: 256
			    maxPixels: 2048
			    square: true
			wordLists:
			  profanity: [darn]
			  endorsementClaims: [official]
			  sensitiveRequests: [card number]
			  misleadingClaims: [guaranteed]
			prohibitedCategories:
			  - id: weapons
			    name: Weapons
			    terms: [gun]
			clauses:
			  - id: DP-5
			    section: Data protection
			    title: Privacy policy
			    text: Publish a privacy policy.
			    severity: medium
			    covers: [DP-5]
			    mechanisms:
			      - id: check.url-reachable
			        params:
			          fields: [privacyPolicyUrl]
			          intervalDays: 7
			      - id: check.listing-required-fields
			penaltyLadder:
			  steps: [warning, token-revocation, app-suspension]
			  startBySeverity: {low: 0, medium: 0, high: 1, critical: 2}
			  auditFoundUnreportedSteps: 1
			  repeatWindowDays: 365
			  noticeRequiredUpTo: token-revocation
			triage:
			  autoViolationSeverities: [critical]
			""";

	@Test
	void parseWhenPackIsValidThenEveryPartIsRead() {
		var result = PolicyPackParser.parse(VALID);

		assertThat(result.errors()).isEmpty();
		var pack = result.pack();
		assertThat(pack.id()).isEqualTo("tiny");
		assertThat(pack.appTypes()).extracting(t -> t.id()).containsExactly("app");
		assertThat(pack.brand().forbiddenTerms()).containsExactly("official");
		assertThat(pack.clause("DP-5").orElseThrow().mechanisms().getFirst().params())
			.containsEntry("intervalDays", 7)
			.containsEntry("fields", java.util.List.of("privacyPolicyUrl"));
		assertThat(pack.penaltyLadder().steps()).containsExactly(PenaltyAction.WARNING, PenaltyAction.TOKEN_REVOCATION,
				PenaltyAction.APP_SUSPENSION);
		assertThat(pack.penaltyLadder().startBySeverity()).containsEntry(Severity.CRITICAL, 2);
		assertThat(pack.triage().autoViolationSeverities()).containsExactly(Severity.CRITICAL);
	}

	@Test
	void parseWhenMechanismIsUnknownThenErrorNamesItsLine() {
		var result = PolicyPackParser.parse(VALID.replace("- id: check.listing-required-fields", "- id: check.mind-reading"));

		assertThat(result.valid()).isFalse();
		PackError error = result.errors().getFirst();
		assertThat(error.line()).isEqualTo(lineOf(VALID, "check.listing-required-fields"));
		assertThat(error.path()).isEqualTo("clauses[0].mechanisms[1].id");
		assertThat(error.message()).contains("unknown mechanism 'check.mind-reading'");
	}

	@Test
	void parseWhenFieldIsUnknownOrMissingThenEachIsReportedWithItsLine() {
		String yaml = VALID.replace("  summary: A pack for tests.\n", "  summry: A pack for tests.\n");

		var errors = PolicyPackParser.parse(yaml).errors();

		assertThat(errors).anySatisfy(e -> {
			assertThat(e.path()).isEqualTo("pack.summry");
			assertThat(e.message()).isEqualTo("unknown field");
			assertThat(e.line()).isEqualTo(lineOf(yaml, "summry"));
		});
		assertThat(errors).anySatisfy(e -> assertThat(e.path()).isEqualTo("pack.summary"));
	}

	@Test
	void parseWhenParameterIsWrongThenNamedWithItsLine() {
		String yaml = VALID.replace("intervalDays: 7", "intervalDays: weekly").replace("fields: [privacyPolicyUrl]",
				"fields: [privacyPolicyUrl, favouriteColour]");

		var errors = PolicyPackParser.parse(yaml).errors();

		assertThat(errors).extracting(PackError::path)
			.contains("clauses[0].mechanisms[0].params.intervalDays", "clauses[0].mechanisms[0].params.fields[1]");
		assertThat(errors).filteredOn(e -> e.path().endsWith("intervalDays"))
			.first()
			.extracting(PackError::line)
			.isEqualTo(lineOf(yaml, "intervalDays: weekly"));
	}

	@Test
	void parseWhenParameterDoesNotBelongToTheMechanismThenRefused() {
		var errors = PolicyPackParser.parse(VALID.replace("intervalDays: 7", "retries: 7")).errors();

		assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("has no parameter 'retries'"));
	}

	@Test
	void parseWhenCatalogueIdOrSeverityOrPenaltyIsInvalidThenRefused() {
		String yaml = VALID.replace("covers: [DP-5]", "covers: [DP-99]")
			.replace("severity: medium", "severity: catastrophic")
			.replace("steps: [warning, token-revocation, app-suspension]", "steps: [warning, public-shaming, app-suspension]");

		var messages = PolicyPackParser.parse(yaml).errors().stream().map(PackError::message).toList();

		assertThat(messages).contains("'DP-99' is not a policy catalogue id", "expected low, medium, high or critical",
				"unknown penalty action 'public-shaming'");
	}

	@Test
	void parseWhenClauseIdsRepeatOrLogoIsSvgThenRefused() {
		String duplicated = VALID.replace("penaltyLadder:", """
				  - id: DP-5
				    section: Again
				    title: Again
				    text: Again.
				    severity: low
				    covers: [DP-5]
				    mechanisms:
				      - id: flow.review
				penaltyLadder:""").replace("formats: [png, webp]", "formats: [png, svg]");

		var messages = PolicyPackParser.parse(duplicated).errors().stream().map(PackError::toString).toList();

		assertThat(messages).anyMatch(m -> m.contains("duplicate clause 'DP-5'"));
		assertThat(messages).anyMatch(m -> m.contains("unsupported image format 'svg'"));
	}

	@Test
	void parseWhenYamlIsBrokenThenOneErrorWithThePosition() {
		var errors = PolicyPackParser.parse("format: gatehouse.policy-pack/v1\npack: [unclosed\n").errors();

		assertThat(errors).hasSize(1);
		assertThat(errors.getFirst().message()).startsWith("not valid YAML");
		assertThat(errors.getFirst().line()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void parseWhenKeyIsDuplicatedThenReported() {
		var errors = PolicyPackParser.parse(VALID.replace("  name: Tiny pack\n", "  name: Tiny pack\n  name: Other\n"))
			.errors();

		assertThat(errors).anySatisfy(e -> {
			assertThat(e.message()).isEqualTo("duplicate key");
			assertThat(e.path()).isEqualTo("pack.name");
		});
	}

	@Test
	void parseWhenFormatIsWrongOrDocumentEmptyThenRefused() {
		assertThat(PolicyPackParser.parse(VALID.replace("gatehouse.policy-pack/v1", "v0")).errors())
			.anySatisfy(e -> assertThat(e.path()).isEqualTo("format"));
		assertThat(PolicyPackParser.parse("  ").valid()).isFalse();
		assertThat(PolicyPackParser.parse("- just\n- a list\n").errors().getFirst().message())
			.isEqualTo("expected a mapping of names to values");
	}

	static int lineOf(String text, String needle) {
		var lines = text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(needle)) {
				return i + 1;
			}
		}
		throw new AssertionError("not found: " + needle);
	}

}
