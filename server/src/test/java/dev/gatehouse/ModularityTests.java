package dev.gatehouse;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	// The sample clinic API (samples/clinic-api, dev.gatehouse.samples.clinic) is on the test classpath as an
	// upstream for gateway tests; it is not a module of the server.
	private final ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class,
		JavaClass.Predicates.resideInAPackage("dev.gatehouse.samples.."));

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
