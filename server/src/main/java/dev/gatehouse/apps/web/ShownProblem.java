package dev.gatehouse.apps.web;

import dev.gatehouse.apps.FieldProblem;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A problem carried across a redirect (flash attributes live in the session, so they must serialize). */
record ShownProblem(String field, String message) implements Serializable {

	static ArrayList<ShownProblem> of(List<FieldProblem> problems) {
		return new ArrayList<>(problems.stream().map(p -> new ShownProblem(p.field(), p.message())).toList());
	}

}
