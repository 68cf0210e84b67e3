package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.policy.DocumentStanding;
import dev.gatehouse.policy.pack.PolicyPack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a check may look at: the revision under check and its app, the pack in force, and lazily
 * the things that need a query (other apps' names, the stored logo).
 *
 * @param verifiedPublisher the developer organization's publisher identity is verified
 * @param otherAppNames names of every other app, for the confusable-name check
 */
public record CheckInput(App app, Revision revision, PolicyPack pack, boolean verifiedPublisher,
		List<SubProcessor> subProcessors, Map<String, Scope> catalogue, List<DocumentStanding> standing,
		Supplier<List<String>> otherAppNames, Supplier<Optional<byte[]>> logoPng, Instant now) {

	public AppDraft content() {
		return revision.content();
	}

	public Listing listing() {
		return revision.content().listing() == null ? Listing.empty() : revision.content().listing();
	}

	/** The name as the revision has it, else the app's. */
	public String name() {
		String name = listing().name();
		return name == null || name.isBlank() ? app.name() : name.strip();
	}

	/** The listing's free text (name, tagline, description, category), the word lists' target. */
	public Map<String, String> listingText() {
		var text = new java.util.LinkedHashMap<String, String>();
		Listing l = listing();
		Stream.of(Map.entry("name", name()), Map.entry("tagline", nz(l.tagline())),
				Map.entry("description", nz(l.description())), Map.entry("category", nz(l.category())))
			.forEach(e -> text.put(e.getKey(), e.getValue()));
		return text;
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

}
