package dev.gatehouse.marketplace;

import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.SubProcessor;

import java.util.List;

/** Everything the listing page shows: the entry, the scopes in plain words, data use, sub-processors. */
public record ListingPage(CatalogueEntry entry, List<RequestedPermission> permissions, DataUse dataUse,
		List<SubProcessor> subProcessors) {

	/** A requested scope with the catalogue's plain-language description and the developer's reason. */
	public record RequestedPermission(Scope scope, String justification) {
	}

}
