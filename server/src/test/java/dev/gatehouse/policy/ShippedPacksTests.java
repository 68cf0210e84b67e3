package dev.gatehouse.policy;

import dev.gatehouse.policy.pack.CatalogueIds;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPackParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedPacksTests {

	@ParameterizedTest
	@ValueSource(strings = { "reference", "clinic-platform", "automotive-messaging", "scheduling-platform" })
	void shippedPackWhenParsedThenValid(String name) throws IOException {
		var result = PolicyPackParser.parse(read(name));

		assertThat(result.errors()).as(name).isEmpty();
		assertThat(result.pack().clauses()).isNotEmpty();
	}

	@Test
	void referencePackWhenParsedThenItCoversEveryCatalogueId() throws IOException {
		PolicyPack pack = PolicyPackParser.parse(read("reference")).pack();

		Set<String> covered = pack.clauses().stream().flatMap(c -> c.covers().stream()).collect(Collectors.toSet());

		assertThat(CatalogueIds.ALL).hasSize(55);
		assertThat(covered).containsAll(CatalogueIds.ALL);
	}

	@Test
	void automotivePackWhenParsedThenItDeclaresItsAppTypes() throws IOException {
		PolicyPack pack = PolicyPackParser.parse(read("automotive-messaging")).pack();

		assertThat(pack.appTypes()).extracting(PolicyPack.AppType::id)
			.contains("integration", "channel", "plugin", "chatbot");
	}

	@Test
	void schedulingPackWhenParsedThenSubProcessorConsentIsEnforced() throws IOException {
		PolicyPack pack = PolicyPackParser.parse(read("scheduling-platform")).pack();

		assertThat(pack.clauses().stream().filter(c -> c.covers().contains("DP-13")).flatMap(c -> c.mechanisms().stream())
			.map(PolicyPack.MechanismUse::id)).contains("flow.subprocessor-approval", "check.subprocessors-approved");
	}

	static String read(String name) throws IOException {
		try (InputStream in = ShippedPacksTests.class.getResourceAsStream("/policy-packs/" + name + ".yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
