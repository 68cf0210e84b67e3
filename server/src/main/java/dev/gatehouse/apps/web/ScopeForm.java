package dev.gatehouse.apps.web;

import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;

/** Defines a catalogue scope or updates the one with the same name. */
public class ScopeForm {

	private String name = "";

	private String description = "";

	private ScopeTier tier;

	/** Comma separated. */
	private String dataCategories = "";

	private boolean consentBearing;

	private boolean payment;

	static ScopeForm of(Scope scope) {
		var form = new ScopeForm();
		form.name = scope.name();
		form.description = scope.description();
		form.tier = scope.tier();
		form.dataCategories = String.join(", ", scope.dataCategories());
		form.consentBearing = scope.consentBearing();
		form.payment = scope.payment();
		return form;
	}

	Scope toScope() {
		return new Scope(name.strip(), description, tier, AppForm.commaSeparated(dataCategories), consentBearing, payment);
	}

	public String getName() { return name; }
	public void setName(String v) { this.name = v == null ? "" : v; }
	public String getDescription() { return description; }
	public void setDescription(String v) { this.description = v == null ? "" : v; }
	public ScopeTier getTier() { return tier; }
	public void setTier(ScopeTier v) { this.tier = v; }
	public String getDataCategories() { return dataCategories; }
	public void setDataCategories(String v) { this.dataCategories = v == null ? "" : v; }
	public boolean isConsentBearing() { return consentBearing; }
	public void setConsentBearing(boolean v) { this.consentBearing = v; }
	public boolean isPayment() { return payment; }
	public void setPayment(boolean v) { this.payment = v; }

}
