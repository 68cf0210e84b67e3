package dev.gatehouse.incidents.internal;

import dev.gatehouse.incidents.IncidentsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentsProperties.class)
class IncidentsConfiguration {

}
