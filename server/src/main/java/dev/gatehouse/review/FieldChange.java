package dev.gatehouse.review;

/** One field that differs between two revisions; {@code before} or {@code after} is empty when added or removed. */
public record FieldChange(String field, String before, String after) {
}
