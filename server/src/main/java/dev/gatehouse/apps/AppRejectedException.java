package dev.gatehouse.apps;

import dev.gatehouse.shared.web.InputRejectedException;

import java.util.List;

/** A draft or a transition the registry refuses, with every problem found. */
public class AppRejectedException extends InputRejectedException {

	private final List<FieldProblem> problems;

	public AppRejectedException(List<FieldProblem> problems) {
		super(problems.stream().map(p -> new Violation(p.field(), p.message())).toList());
		this.problems = List.copyOf(problems);
	}

	public AppRejectedException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

}
