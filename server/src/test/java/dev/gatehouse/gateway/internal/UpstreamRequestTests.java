package dev.gatehouse.gateway.internal;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamRequestTests {

	@Test
	void targetWhenUpstreamHasNoPathThenTheCallsPath() {
		assertThat(request("http://api.internal:8090", "/v1/patients?limit=1").target()).isEqualTo("/v1/patients?limit=1");
		assertThat(request("http://api.internal:8090/", "/v1/patients").target()).isEqualTo("/v1/patients");
	}

	@Test
	void targetWhenUpstreamHasABasePathThenPrefixedOnce() {
		assertThat(request("https://api.internal/clinic/", "/v1/patients").target()).isEqualTo("/clinic/v1/patients");
		assertThat(request("https://api.internal/clinic", "/v1/patients").target()).isEqualTo("/clinic/v1/patients");
	}

	@Test
	void targetWhenTheCallHasNoPathThenTheRoot() {
		assertThat(request("http://api.internal", "").target()).isEqualTo("/");
		assertThat(request("http://api.internal", "?q=1").target()).isEqualTo("/?q=1");
	}

	@Test
	void uriWhenBuiltThenSchemeAuthorityAndTarget() {
		assertThat(request("https://api.internal:8443/base", "/v1/x?y=%20").uri())
			.isEqualTo(URI.create("https://api.internal:8443/base/v1/x?y=%20"));
	}

	private static UpstreamTransport.Request request(String upstream, String pathAndQuery) {
		return new UpstreamTransport.Request("GET", URI.create(upstream), pathAndQuery, List.of(), null);
	}

}
