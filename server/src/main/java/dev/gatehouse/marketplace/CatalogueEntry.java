package dev.gatehouse.marketplace;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.developers.Organization;

/** One published app as the catalogue shows it. */
public record CatalogueEntry(App app, Listing listing, String logoUrl, Organization developer) {
}
