package dev.gatehouse.policy.pack;

import java.util.List;
import java.util.Set;

/** The type of one mechanism parameter, with the values it may take when it is a choice. */
public record ParamType(Kind kind, Set<String> choices) {

	public enum Kind {
		INT, NUMBER, BOOL, STRING, CHOICE, LIST_OF_CHOICES
	}

	public static ParamType integer() {
		return new ParamType(Kind.INT, Set.of());
	}

	public static ParamType number() {
		return new ParamType(Kind.NUMBER, Set.of());
	}

	public static ParamType bool() {
		return new ParamType(Kind.BOOL, Set.of());
	}

	public static ParamType string() {
		return new ParamType(Kind.STRING, Set.of());
	}

	public static ParamType choice(String... values) {
		return new ParamType(Kind.CHOICE, Set.of(values));
	}

	public static ParamType listOf(List<String> values) {
		return new ParamType(Kind.LIST_OF_CHOICES, Set.copyOf(values));
	}

}
