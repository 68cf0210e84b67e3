package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.Route;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class RouteTableTests {

	private static Route route(String id, String method, String path) {
		return new Route(id, method, path, URI.create("http://127.0.0.1:9000"), List.of(), List.of(), true, List.of(),
				true, Route.Source.CONFIGURATION);
	}

	@Test
	void matchWhenLiteralAndVariablePatternsOverlapThenMostSpecificWins() {
		var table = new RouteTable(List.of(route("any", "GET", "/v1/patients/{id}"), route("search", "GET", "/v1/patients/search")));

		assertThat(table.match("GET", "/v1/patients/search").route().id()).isEqualTo("search");
		var match = table.match("GET", "/v1/patients/pat_1");
		assertThat(match.route().id()).isEqualTo("any");
		assertThat(match.variables()).containsEntry("id", "pat_1");
	}

	@Test
	void matchWhenMethodDiffersThenNoMatchButPathKnown() {
		var table = new RouteTable(List.of(route("read", "GET", "/v1/patients/{id}")));

		assertThat(table.match("DELETE", "/v1/patients/pat_1")).isNull();
		assertThat(table.pathKnown("/v1/patients/pat_1")).isTrue();
		assertThat(table.pathKnown("/v1/other")).isFalse();
	}

	@Test
	void matchWhenRouteForAnyMethodAndOneForGetThenGetRouteWinsForGet() {
		var table = new RouteTable(List.of(route("all", "*", "/v1/things"), route("get", "GET", "/v1/things")));

		assertThat(table.match("GET", "/v1/things").route().id()).isEqualTo("get");
		assertThat(table.match("POST", "/v1/things").route().id()).isEqualTo("all");
	}

	@Test
	void matchWhenCatchAllPatternThenNestedPathsMatch() {
		var table = new RouteTable(List.of(route("files", "GET", "/v1/files/**")));

		assertThat(table.match("GET", "/v1/files/a/b/c")).isNotNull();
		assertThat(table.match("GET", "/v2/files/a")).isNull();
	}

}
