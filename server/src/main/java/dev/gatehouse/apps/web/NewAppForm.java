package dev.gatehouse.apps.web;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.Listing;

/** The first step of a new app: its name and type; everything else is filled in on the edit page. */
public class NewAppForm {

	private String name = "";

	private String appType = "";

	AppDraft toDraft() {
		var listing = Listing.empty();
		return new AppDraft(appType.strip(), new Listing(name.strip(), listing.tagline(), listing.description(),
				listing.category(), listing.website(), listing.privacyPolicyUrl(), listing.termsUrl(),
				listing.supportEmail(), listing.supportUrl(), listing.setupUrl()), null, null, null, null, null);
	}

	public String getName() { return name; }
	public void setName(String v) { this.name = v == null ? "" : v; }
	public String getAppType() { return appType; }
	public void setAppType(String v) { this.appType = v == null ? "" : v; }

}
