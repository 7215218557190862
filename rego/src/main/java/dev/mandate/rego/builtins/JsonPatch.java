package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 6902 JSON Patch over Rego values, as {@code json.patch} applies it. Beyond JSON, a path
 * may step into a set by naming a member, and adding to a set adds the value (whose last path
 * segment must equal it). Any failing operation makes the whole patch fail, which the built-in
 * reports as undefined rather than as an error, as OPA does.
 */
final class JsonPatch {
  private JsonPatch() {}

  /** An operation that cannot be applied; never escapes the built-in. */
  static final class Failure extends Exception {
    Failure() {
      super(null, null, false, false);
    }
  }

  /** The patched document, or null when some operation fails. */
  static Value apply(Value doc, ArrayValue operations) {
    try {
      Value current = doc;
      for (Value op : operations) {
        if (!(op instanceof ObjectValue o)) {
          return null;
        }
        current = applyOne(current, o);
        if (current == null) {
          return null;
        }
      }
      return current;
    } catch (Failure f) {
      return null;
    }
  }

  private static Value applyOne(Value doc, ObjectValue op) throws Failure {
    String name = switch (attribute(op, "op")) {
      case StringValue s -> s.value();
      default -> throw new Failure();
    };
    if (!Set.of("add", "remove", "replace", "move", "copy", "test").contains(name)) {
      throw new Failure();
    }
    List<Value> path = path(attribute(op, "path"));
    List<Value> from = name.equals("move") || name.equals("copy") ? path(attribute(op, "from")) : null;
    Value value = switch (name) {
      case "add", "replace", "test" -> attribute(op, "value");
      default -> null;
    };
    return switch (name) {
      case "add" -> add(doc, path, value);
      case "remove" -> remove(doc, path);
      case "replace" -> {
        Value removed = remove(doc, path);
        // Replacing the whole document: removal leaves nothing, the new value takes its place.
        yield path.isEmpty() ? value : add(removed, path, value);
      }
      case "move" -> {
        Value moved = get(doc, from);
        Value rest = remove(doc, from);
        if (rest == null) {
          throw new Failure();
        }
        yield add(rest, path, moved);
      }
      case "copy" -> add(doc, path, get(doc, from));
      case "test" -> {
        if (!get(doc, path).equals(value)) {
          throw new Failure();
        }
        yield doc;
      }
      default -> throw new Failure();
    };
  }

  private static Value attribute(ObjectValue op, String name) throws Failure {
    Value v = op.get(name);
    if (v == null) {
      throw new Failure();
    }
    return v;
  }

  private static List<Value> path(Value v) throws Failure {
    try {
      return JsonPaths.parse(v);
    } catch (JsonPaths.BadPath e) {
      throw new Failure();
    }
  }

  /** The value at {@code path}; every segment must exist. */
  static Value get(Value doc, List<Value> path) throws Failure {
    Value node = doc;
    for (Value segment : path) {
      node = child(node, segment);
    }
    return node;
  }

  /** Adds {@code value} at {@code path}: sets an object key, inserts into an array, adds to a set. */
  static Value add(Value doc, List<Value> path, Value value) throws Failure {
    if (path.isEmpty()) {
      return value;
    }
    return editParent(doc, path, 0, (parent, key) -> insert(parent, key, value));
  }

  /** Removes the value at {@code path}; null when the whole document is removed. */
  static Value remove(Value doc, List<Value> path) throws Failure {
    if (path.isEmpty()) {
      return null;
    }
    return editParent(doc, path, 0, JsonPatch::delete);
  }

  @FunctionalInterface
  private interface Edit {
    Value apply(Value parent, Value key) throws Failure;
  }

  /** Walks down to the parent of the path's last segment, edits it, and rebuilds the way up. */
  private static Value editParent(Value node, List<Value> path, int depth, Edit edit) throws Failure {
    Value segment = path.get(depth);
    if (depth == path.size() - 1) {
      return edit.apply(node, segment);
    }
    Value oldChild = child(node, segment);
    Value newChild = editParent(oldChild, path, depth + 1, edit);
    return replaceChild(node, segment, oldChild, newChild);
  }

  private static Value child(Value node, Value segment) throws Failure {
    switch (node) {
      case ObjectValue o -> {
        Value v = o.get(segment);
        if (v == null) {
          throw new Failure();
        }
        return v;
      }
      case SetValue s -> {
        if (!s.contains(segment)) {
          throw new Failure();
        }
        return segment;
      }
      case ArrayValue a -> {
        int i = index(a.size(), segment);
        if (i < 0 || i >= a.size()) {
          throw new Failure();
        }
        return a.get(i);
      }
      default -> throw new Failure();
    }
  }

  private static Value replaceChild(Value node, Value segment, Value oldChild, Value newChild)
      throws Failure {
    switch (node) {
      case ObjectValue o -> {
        return o.with(segment, newChild);
      }
      case SetValue s -> {
        Set<Value> out = new HashSet<>(s.asSet());
        out.remove(oldChild);
        out.add(newChild);
        return SetValue.wrap(out);
      }
      case ArrayValue a -> {
        Value[] out = a.toArray();
        out[index(a.size(), segment)] = newChild;
        return ArrayValue.wrap(out);
      }
      default -> throw new Failure();
    }
  }

  private static Value insert(Value parent, Value key, Value value) throws Failure {
    switch (parent) {
      case ObjectValue o -> {
        return o.with(key, value);
      }
      case SetValue s -> {
        if (!key.equals(value)) {
          throw new Failure();
        }
        Set<Value> out = new HashSet<>(s.asSet());
        out.add(value);
        return SetValue.wrap(out);
      }
      case ArrayValue a -> {
        int i = index(a.size(), key);
        if (i < 0 || i > a.size()) {
          throw new Failure();
        }
        List<Value> out = new ArrayList<>(a.asList());
        out.add(i, value);
        return ArrayValue.of(out);
      }
      default -> throw new Failure();
    }
  }

  private static Value delete(Value parent, Value key) throws Failure {
    switch (parent) {
      case ObjectValue o -> {
        if (!o.containsKey(key)) {
          throw new Failure();
        }
        return o.without(key);
      }
      case SetValue s -> {
        if (!s.contains(key)) {
          throw new Failure();
        }
        Set<Value> out = new HashSet<>(s.asSet());
        out.remove(key);
        return SetValue.wrap(out);
      }
      case ArrayValue a -> {
        int i = index(a.size(), key);
        if (i < 0 || i >= a.size()) {
          throw new Failure();
        }
        List<Value> out = new ArrayList<>(a.asList());
        out.remove(i);
        return ArrayValue.of(out);
      }
      default -> throw new Failure();
    }
  }

  /**
   * An array index from a path segment: a whole number, a decimal string without leading zeros,
   * or "-" for the position after the last element. Out-of-range results are left to the caller.
   */
  private static int index(int length, Value segment) throws Failure {
    switch (segment) {
      case NumberValue n -> {
        if (!n.isLong()) {
          throw new Failure();
        }
        return Operands.clampToInt(n.longValue());
      }
      case StringValue s -> {
        String text = s.value();
        if (text.equals("-")) {
          return length;
        }
        if (!text.equals("0") && text.startsWith("0")) {
          throw new Failure();
        }
        try {
          return Operands.clampToInt(Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw new Failure();
        }
      }
      default -> throw new Failure();
    }
  }
}
