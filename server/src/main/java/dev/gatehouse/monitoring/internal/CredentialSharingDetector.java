package dev.gatehouse.monitoring.internal;

import dev.gatehouse.accesslog.AccessPatterns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

/** One client's tokens (per installation, or the app's own) used from more networks than the pack allows (SE-9). */
@Component
class CredentialSharingDetector extends PackRuleDetector {

	static final String ID = "check.anomaly.credential-sharing";

	private final AccessPatterns patterns;

	CredentialSharingDetector(AccessPatterns patterns, PackRules rules) {
		super(ID, rules);
		this.patterns = patterns;
	}

	@Override
	int detect(PackRules.Rule rule, Instant now, Reporter reporter) {
		int networks = (int) rule.number("networks", 5);
		Duration window = Duration.ofHours(Math.max(1, rule.number("windowHours", 24)));
		var spreads = patterns.networkSpreads(now.minus(window), now, networks);
		for (var spread : spreads) {
			String who = spread.installationId() == null ? "The app's own tokens" : "Tokens of one installation";
			reporter.report(rule, spread.appId(), spread.installationId(),
					spread.installationId() == null ? "app" : spread.installationId().toString(),
					"%s were used from %d networks in %d hours (the policy allows %d)".formatted(who, spread.networks(),
							window.toHours(), networks),
					Map.of("installation", spread.installationId() == null ? "" : spread.installationId().toString(),
							"clientId", spread.clientId() == null ? "" : spread.clientId(), "networks", spread.networks(),
							"allowed", networks, "windowHours", window.toHours(), "calls", spread.calls(),
							"sampleNetworks", spread.samples()));
		}
		return spreads.size();
	}

}
