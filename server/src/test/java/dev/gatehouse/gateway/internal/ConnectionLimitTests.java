package dev.gatehouse.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

class ConnectionLimitTests {

	@Test
	void connectionWhenLimitReachedThenClosedAtOnceAndAdmittedAgainOnceOneCloses() {
		var limit = new ConnectionLimit(2);
		var first = new EmbeddedChannel(limit);
		var second = new EmbeddedChannel(limit);

		var third = new EmbeddedChannel(limit);

		assertThat(first.isOpen()).isTrue();
		assertThat(second.isOpen()).isTrue();
		assertThat(third.isOpen()).isFalse();

		first.close();
		var fourth = new EmbeddedChannel(limit);

		assertThat(fourth.isOpen()).isTrue();
	}

}
