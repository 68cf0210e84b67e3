package dev.gatehouse.policy.pack;

/** One problem in an uploaded pack: where (line and column, 1-based, and the field path) and what. */
public record PackError(int line, int column, String path, String message) {

	@Override
	public String toString() {
		return "line " + line + ", column " + column + " (" + path + "): " + message;
	}

}
