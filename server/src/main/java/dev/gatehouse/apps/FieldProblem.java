package dev.gatehouse.apps;

/** One broken rule: the field (dotted path) and what is wrong. */
public record FieldProblem(String field, String message) {
}
