package dev.gatehouse.developers;

import dev.gatehouse.developers.DeveloperEvents.DomainCheckFailed;
import dev.gatehouse.developers.DeveloperEvents.PublisherVerified;
import dev.gatehouse.developers.internal.DomainTokenFetcher;
import dev.gatehouse.developers.internal.OrganizationRepository;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.crypto.RandomTokens;

import java.net.IDN;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publisher verification by domain: the organization serves a token we gave it at
 * {@code https://<domain>/.well-known/gatehouse-verification.txt}, and we fetch it with the SSRF-safe
 * client.
 */
@Service
public class PublisherDomains {

	public static final String WELL_KNOWN_PATH = "/.well-known/gatehouse-verification.txt";

	/** Host names only, no IP literals; single labels are allowed (the outbound client decides reachability). */
	private static final Pattern HOST = Pattern
		.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$");

	private final OrganizationRepository organizations;

	private final DeveloperOrganizations facade;

	private final DomainTokenFetcher fetcher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final DevelopersProperties properties;

	PublisherDomains(OrganizationRepository organizations, DeveloperOrganizations facade, DomainTokenFetcher fetcher,
			ApplicationEventPublisher events, Clock clock, DevelopersProperties properties) {
		this.properties = properties;
		this.organizations = organizations;
		this.facade = facade;
		this.fetcher = fetcher;
		this.events = events;
		this.clock = clock;
	}

	/** Records the domain to prove and hands out a fresh token for it. */
	@Transactional
	public String claim(OrganizationId org, UserId owner, String domain) {
		facade.requireOwner(org, owner);
		String normalized = normalize(domain);
		String token = "gatehouse-verification=" + RandomTokens.urlSafe(24);
		organizations.setDomain(org, normalized, token);
		return token;
	}

	/** Fetches the well-known file and verifies the publisher when it holds the token. */
	@Transactional
	public DomainCheckResult check(OrganizationId org, UserId owner) {
		facade.requireOwner(org, owner);
		Organization organization = facade.require(org);
		if (organization.domain() == null) {
			return new DomainCheckResult(false, "Set a domain first.");
		}
		String url = properties.wellKnownUrl(organization.domain());
		DomainTokenFetcher.Outcome outcome = fetcher.fetch(url);
		boolean found = outcome.body() != null && outcome.body().lines().map(String::strip)
			.anyMatch(line -> line.equals(organization.domainToken()));
		String result = found ? "token found" : outcome.body() == null ? outcome.problem() : "token not found in the file";
		organizations.recordDomainCheck(org, clock.instant(), result);
		if (!found) {
			events.publishEvent(new DomainCheckFailed(org, organization.domain(), result));
			return new DomainCheckResult(false, "Not verified: " + result + " at " + url + ".");
		}
		organizations.setVerification(org, true, "DOMAIN", clock.instant(), "domain " + organization.domain(), url);
		events.publishEvent(new PublisherVerified(org, "DOMAIN", url));
		return new DomainCheckResult(true, "Verified: the token was found at " + url + ".");
	}

	static String normalize(String domain) {
		String text = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
		text = text.replaceFirst("^https?://", "").replaceFirst("/.*$", "").replaceFirst("\\.$", "");
		try {
			text = IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES);
		}
		catch (IllegalArgumentException ex) {
			throw new DevelopersException("domain", "Enter a domain name such as example.com.");
		}
		if (!HOST.matcher(text).matches()) {
			throw new DevelopersException("domain", "Enter a domain name such as example.com (no IP addresses or ports).");
		}
		return text;
	}

}
