package dev.gatehouse.policy.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML mapping field by field, recording every problem with its line, column and path
 * instead of stopping at the first. Keys never read are reported as unknown by {@link #finish()}.
 */
final class YamlFields {

	private final Node node;

	private final String path;

	private final List<PackError> errors;

	private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

	private final Set<String> read = new LinkedHashSet<>();

	YamlFields(Node node, String path, List<PackError> errors) {
		this.node = node;
		this.path = path;
		this.errors = errors;
		if (node instanceof MappingNode mapping) {
			for (NodeTuple tuple : mapping.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key) {
					if (entries.putIfAbsent(key.getValue(), tuple) != null) {
						error(key, child(key.getValue()), "duplicate key");
					}
				}
				else {
					error(tuple.getKeyNode(), path, "keys must be plain names");
				}
			}
		}
		else if (node != null) {
			error(node, path, "expected a mapping of names to values");
		}
	}

	boolean valid() {
		return node instanceof MappingNode;
	}

	Node raw(String key) {
		read.add(key);
		NodeTuple tuple = entries.get(key);
		return tuple == null ? null : tuple.getValueNode();
	}

	boolean has(String key) {
		return entries.containsKey(key);
	}

	Set<String> keys() {
		return entries.keySet();
	}

	String string(String key, boolean required) {
		Node value = value(key, required);
		if (value == null) {
			return null;
		}
		if (!(value instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
			error(value, child(key), "expected a non-empty text");
			return null;
		}
		return scalar.getValue().strip();
	}

	String matching(String key, Pattern pattern, String description) {
		String text = string(key, true);
		if (text != null && !pattern.matcher(text).matches()) {
			error(raw(key), child(key), "must be " + description + ", got '" + text + "'");
			return null;
		}
		return text;
	}

	Integer integer(String key, int min, int max) {
		Node value = value(key, true);
		if (value == null) {
			return null;
		}
		try {
			int parsed = Integer.parseInt(((ScalarNode) value).getValue().strip());
			if (parsed < min || parsed > max) {
				error(value, child(key), "must be between " + min + " and " + max);
				return null;
			}
			return parsed;
		}
		catch (ClassCastException | NumberFormatException ex) {
			error(value, child(key), "expected a whole number");
			return null;
		}
	}

	Boolean bool(String key) {
		Node value = value(key, true);
		if (value == null) {
			return null;
		}
		if (value instanceof ScalarNode scalar && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
			return Boolean.valueOf(scalar.getValue());
		}
		error(value, child(key), "expected true or false");
		return null;
	}

	List<String> strings(String key, boolean required, boolean nonEmpty) {
		Node value = value(key, required);
		if (value == null) {
			return required ? null : List.of();
		}
		if (!(value instanceof SequenceNode sequence)) {
			error(value, child(key), "expected a list");
			return null;
		}
		List<String> result = new ArrayList<>();
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
				result.add(scalar.getValue().strip());
			}
			else {
				error(item, child(key) + "[" + i + "]", "expected a non-empty text");
			}
		}
		if (nonEmpty && result.isEmpty()) {
			error(value, child(key), "must not be empty");
		}
		return result;
	}

	YamlFields object(String key) {
		Node value = value(key, true);
		return value == null ? null : new YamlFields(value, child(key), errors);
	}

	List<YamlFields> objects(String key, boolean required) {
		Node value = value(key, required);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof SequenceNode sequence)) {
			error(value, child(key), "expected a list");
			return List.of();
		}
		List<YamlFields> result = new ArrayList<>();
		for (int i = 0; i < sequence.getValue().size(); i++) {
			result.add(new YamlFields(sequence.getValue().get(i), child(key) + "[" + i + "]", errors));
		}
		return result;
	}

	/** Reports every key that no reader asked for. */
	void finish() {
		for (var entry : entries.entrySet()) {
			if (!read.contains(entry.getKey())) {
				error(entry.getValue().getKeyNode(), child(entry.getKey()), "unknown field");
			}
		}
	}

	String path() {
		return path;
	}

	String child(String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	void error(Node at, String where, String message) {
		Node anchor = at == null ? node : at;
		int line = anchor == null ? 1 : anchor.getStartMark().getLine() + 1;
		int column = anchor == null ? 1 : anchor.getStartMark().getColumn() + 1;
		errors.add(new PackError(line, column, where, message));
	}

	void error(String message) {
		error(node, path, message);
	}

	private Node value(String key, boolean required) {
		Node value = raw(key);
		if (value == null && required) {
			error(node, child(key), "required field is missing");
		}
		if (value instanceof ScalarNode scalar && scalar.getValue().isEmpty() && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue())) {
			if (required) {
				error(value, child(key), "required field is empty");
			}
			return null;
		}
		return value;
	}

}
