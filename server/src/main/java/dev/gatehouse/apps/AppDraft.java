package dev.gatehouse.apps;

import java.util.List;

/** Everything a developer edits in one revision of an app. */
public record AppDraft(String appType, Listing listing, List<String> redirectUris, String webhookUrl,
		List<RequestedScope> scopes, DataUse dataUse, SecurityQuestionnaire security) {

	public AppDraft {
		listing = listing == null ? Listing.empty() : listing;
		redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
		dataUse = dataUse == null ? DataUse.none() : dataUse;
		security = security == null ? SecurityQuestionnaire.unanswered() : security;
	}

}
