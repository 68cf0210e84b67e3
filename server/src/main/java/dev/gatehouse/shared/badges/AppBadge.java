package dev.gatehouse.shared.badges;

/**
 * A mark an app earned, shown on its marketplace listing.
 *
 * @param id stable, for styling and tests ({@code privacy-ready})
 * @param label as shown
 * @param explanation what earning it took, in one sentence
 */
public record AppBadge(String id, String label, String explanation) {
}
