package dev.gatehouse;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class);

	@Test
	void modulesWhenVerifiedThenNoneBreaksItsBoundaries() {
		modules.verify();
	}

	@Test
	void modulesWhenDocumentedThenDocumentationIsWritten() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
			.writeDocumentation();
	}

}
