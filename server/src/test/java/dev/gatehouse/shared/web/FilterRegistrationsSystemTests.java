package dev.gatehouse.shared.web;

import dev.gatehouse.support.FullStackTest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own servlet filters reach the running server exactly once: a filter that is also a bean is
 * registered a second time by Boot, at the default order, and runs twice per request.
 */
class FilterRegistrationsSystemTests extends FullStackTest {

	@Autowired
	WebApplicationContext context;

	@ParameterizedTest
	@ValueSource(classes = { QueryStringTokenFilter.class, DatabaseBusyFilter.class })
	void eachOfOurFiltersIsRegisteredInTheServletContextOnce(Class<? extends Filter> filter) {
		var registrations = context.getServletContext().getFilterRegistrations().values();

		assertThat(registrations).extracting(FilterRegistration::getClassName)
			.filteredOn(filter.getName()::equals)
			.hasSize(1);
	}

}
