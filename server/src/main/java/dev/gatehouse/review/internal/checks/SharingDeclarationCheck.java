package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * {@code check.sharing-declaration}: an app that declares it shares or sells customer data must ask
 * for a consent-bearing scope (granting it is the customer's express consent); otherwise the
 * declaration must be "none".
 */
@Component
class SharingDeclarationCheck implements Check {

	@Override
	public String id() {
		return "check.sharing-declaration";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		DataUse use = input.content().dataUse() == null ? DataUse.none() : input.content().dataUse();
		List<String> consentScopes = (input.content().scopes() == null ? List.<RequestedScope>of() : input.content().scopes())
			.stream()
			.map(s -> input.catalogue().get(s.scope()))
			.filter(Objects::nonNull)
			.filter(Scope::consentBearing)
			.map(Scope::name)
			.toList();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("sharesWithThirdParties", use.sharesWithThirdParties());
		evidence.put("sellsData", use.sellsData());
		evidence.put("consentBearingScopes", consentScopes);
		if (!use.sharesWithThirdParties() && !use.sellsData()) {
			return Verdict.pass("The app declares it neither shares nor sells customer data.", evidence);
		}
		if (!consentScopes.isEmpty()) {
			return Verdict.pass("Sharing is declared and rests on the consent-bearing scope(s) " + String.join(", ", consentScopes)
					+ ".", evidence);
		}
		return Verdict.fail("The app declares it " + (use.sellsData() ? "sells" : "shares")
				+ " customer data but asks for no consent-bearing scope.", evidence);
	}

}
