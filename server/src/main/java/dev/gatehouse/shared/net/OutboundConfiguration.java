package dev.gatehouse.shared.net;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	@Bean(destroyMethod = "close")
	OutboundHttpClient outboundHttpClient(OutboundProperties properties, ObjectProvider<MeterRegistry> meters) {
		return new OutboundHttpClient(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

}
