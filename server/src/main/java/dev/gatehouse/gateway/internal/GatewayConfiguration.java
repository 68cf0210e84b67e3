package dev.gatehouse.gateway.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.authserver.AccessTokenIssuer;
import dev.gatehouse.authserver.AuthServerProperties;
import dev.gatehouse.gateway.GatewayProperties;
import dev.gatehouse.policy.LegalDocuments;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

	@Bean
	RevocationRepository gatewayRevocationRepository(JdbcClient jdbc) {
		return new RevocationRepository(jdbc);
	}

	@Bean
	RevocationSet gatewayRevocationSet(RevocationRepository repository, GatewayProperties properties, Clock clock) {
		return new RevocationSet(repository, properties.revocationPoll(), clock);
	}

	@Bean
	RevocationRecorder gatewayRevocationRecorder(RevocationRepository repository, Clock clock,
			AuthServerProperties authServer, GatewayProperties properties) {
		return new RevocationRecorder(repository, clock, authServer.clientCache(), properties.revocationRetention());
	}

	@Bean
	LiveRoutes gatewayRoutes(GatewayProperties properties, JdbcClient jdbc, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		return new LiveRoutes(properties.configuredRoutes(), new RouteRepository(jdbc), events, transactions, clock);
	}

	@Bean
	RouteReloader gatewayRouteReloader(LiveRoutes routes) {
		return new RouteReloader(routes);
	}

	@Bean(destroyMethod = "close")
	UpstreamTransport gatewayTransport(GatewayProperties properties) {
		return "jdk".equals(properties.transport())
				? new JdkTransport(properties.connectTimeout(), properties.responseTimeout())
				: new ApacheTransport(properties.connectTimeout(), properties.responseTimeout(),
						properties.maxConnectionsPerUpstream());
	}

	@Bean(destroyMethod = "close")
	PayloadFindings gatewayPayloadFindings(ApplicationEventPublisher events, Clock clock) {
		return new PayloadFindings(events, clock);
	}

	@Bean
	ThrottleStore gatewayThrottles(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		return new ThrottleStore(jdbc, events, transactions, clock);
	}

	@Bean
	IssuerResolver gatewayIssuers(AccessTokenIssuer issuer, Environment environment) {
		return new IssuerResolver(issuer, environment);
	}

	@Bean
	CallGate gatewayCallGate(GatewayProperties properties, LiveRoutes routes, RevocationSet revocations,
			AccessTokenIssuer issuer, LegalDocuments documents, PayloadFindings findings, AccessLog accessLog,
			MeterRegistry meters, Clock clock, ThrottleStore throttles) {
		return new CallGate(properties.pathPrefix(), routes,
				new AccessTokenVerifier(issuer, clock, properties.clockSkew(), properties.tokenCacheSize()), revocations,
				new RateLimiter(throttles), new GatewayPolicy(documents, properties.limits(), clock), new PayloadScanner(),
				findings, new HeaderRules(properties.subjectHeader()), accessLog, new GatewayMetrics(meters), clock,
				properties.maxBodySize().toBytes());
	}

	@Bean
	FilterRegistrationBean<GatewayFilter> gatewayFilter(GatewayProperties properties, CallGate gate,
			UpstreamTransport transport, IssuerResolver issuers) {
		var registration = new FilterRegistrationBean<>(new GatewayFilter(gate, transport, issuers));
		registration.addUrlPatterns(properties.pathPrefix(), properties.pathPrefix() + "/*");
		// First: a gateway call never reaches the rest of Gatehouse, so the filters before it (request
		// observations, the URL-token refusal, which the gateway does itself) only cost time per call.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(properties.enabled());
		registration.setName("gatewayFilter");
		return registration;
	}

	@Bean
	@ConditionalOnProperty(name = { "gatehouse.gateway.enabled", "gatehouse.gateway.listener.enabled" }, havingValue = "true",
			matchIfMissing = true)
	GatewayListener gatewayListener(CallGate gate, GatewayProperties properties, IssuerResolver issuers,
			SslBundles sslBundles, ConfigurableEnvironment environment, MeterRegistry meters) {
		return new GatewayListener(gate, properties, issuers, sslBundles, environment, meters);
	}

	/**
	 * No {@code http.server.requests} observation for platform API calls: the gateway times each call
	 * itself ({@code gatehouse.gateway.calls}, by route and outcome), and the generic observation
	 * around every proxied call costs more than the gateway's own checks.
	 */
	@Bean
	io.micrometer.observation.ObservationPredicate gatewayCallsNotObservedTwice(GatewayProperties properties) {
		String prefix = properties.pathPrefix();
		String under = prefix + "/";
		return (name, context) -> !(context instanceof org.springframework.http.server.observation.ServerRequestObservationContext request
				&& isGatewayPath(request.getCarrier().getRequestURI(), prefix, under));
	}

	private static boolean isGatewayPath(String uri, String prefix, String under) {
		return uri != null && (uri.equals(prefix) || uri.startsWith(under));
	}

	/** Reads the operators' routes again every two seconds if they changed (another node saved one). */
	static final class RouteReloader implements SmartLifecycle {

		private final LiveRoutes routes;

		private ScheduledExecutorService executor;

		RouteReloader(LiveRoutes routes) {
			this.routes = routes;
		}

		@Override
		public void start() {
			routes.reloadIfChanged();
			executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-routes").daemon().factory());
			executor.scheduleWithFixedDelay(() -> {
				try {
					routes.reloadIfChanged();
				}
				catch (RuntimeException ex) {
					// The database is away: keep the table we have.
				}
			}, 2, 2, TimeUnit.SECONDS);
		}

		@Override
		public void stop() {
			if (executor != null) {
				executor.shutdownNow();
			}
		}

		@Override
		public boolean isRunning() {
			return executor != null && !executor.isShutdown();
		}

	}

}
