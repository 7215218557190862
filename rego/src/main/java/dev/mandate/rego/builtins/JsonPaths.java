package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The path handling behind {@code json.filter}, {@code json.remove} and {@code json.patch}: paths
 * are either JSON-pointer-like strings ({@code "a/b/0"}, with {@code ~1} for "/" and {@code ~0}
 * for "~") or arrays of segments of any type.
 */
final class JsonPaths {
  /** Marks a selected subtree: everything below it is taken (filter) or dropped (remove). */
  static final Object LEAF = new Object();

  private JsonPaths() {}

  /** Thrown when a path operand is neither a string nor an array. */
  static final class BadPath extends Exception {
    final Value path;

    BadPath(Value path) {
      super(null, null, false, false);
      this.path = path;
    }
  }

  /** The segments of one path. A string path's segments are strings; "" is the root. */
  static List<Value> parse(Value path) throws BadPath {
    switch (path) {
      case StringValue s -> {
        if (s.value().isEmpty()) {
          return List.of();
        }
        String trimmed = stripLeadingSlashes(s.value());
        List<Value> segments = new ArrayList<>();
        for (String part : trimmed.split("/", -1)) {
          segments.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
        }
        return segments;
      }
      case ArrayValue a -> {
        return a.asList();
      }
      default -> throw new BadPath(path);
    }
  }

  private static String stripLeadingSlashes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') {
      i++;
    }
    return s.substring(i);
  }

  /** Operand 2 of json.filter / json.remove: a set or array of paths. */
  static List<List<Value>> pathsOperand(Value[] args) {
    Iterable<Value> items = switch (args[1]) {
      case ArrayValue a -> a;
      case SetValue s -> s;
      default -> throw Operands.typeError(1, args[1], "set", "array");
    };
    List<List<Value>> paths = new ArrayList<>();
    for (Value item : items) {
      try {
        paths.add(parse(item));
      } catch (BadPath e) {
        throw BuiltinException.type("operand 2 must be one of {set, array} containing string paths "
            + "or array of path segments but got " + item.typeName());
      }
    }
    return paths;
  }

  /**
   * A tree of the given paths: each node maps a segment to its subtree, and a path's last
   * segment maps to {@link #LEAF}. A shorter path that is a prefix of a longer one wins, in
   * whichever order they come; empty paths select nothing.
   */
  static Map<Value, Object> tree(List<List<Value>> paths) {
    Map<Value, Object> root = new HashMap<>();
    for (List<Value> path : paths) {
      if (path.isEmpty()) {
        continue;
      }
      Map<Value, Object> node = root;
      boolean covered = false;
      for (int i = 0; i < path.size() - 1 && !covered; i++) {
        Object child = node.get(path.get(i));
        if (child == null) {
          Map<Value, Object> fresh = new HashMap<>();
          node.put(path.get(i), fresh);
          node = fresh;
        } else if (child == LEAF) {
          covered = true;
        } else {
          node = asNode(child);
        }
      }
      if (!covered) {
        node.put(path.get(path.size() - 1), LEAF);
      }
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private static Map<Value, Object> asNode(Object o) {
    return (Map<Value, Object>) o;
  }

  /** Keeps only what the tree selects. Array elements are selected by their index as a string. */
  static Value filter(Value value, Object selection) {
    if (selection == LEAF) {
      return value;
    }
    Map<Value, Object> node = asNode(selection);
    switch (value) {
      case ArrayValue a -> {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          Object sub = node.get(StringValue.of(Integer.toString(i)));
          if (sub != null) {
            out.add(filter(a.get(i), sub));
          }
        }
        return ArrayValue.of(out);
      }
      case SetValue s -> {
        Set<Value> out = new HashSet<>();
        for (Value e : s) {
          Object sub = node.get(e);
          if (sub != null) {
            out.add(filter(e, sub));
          }
        }
        return SetValue.wrap(out);
      }
      case ObjectValue o -> {
        ObjectValue.Builder out = ObjectValue.builder();
        for (Value k : o.keys()) {
          Object sub = node.get(k);
          if (sub != null) {
            out.put(k, filter(o.get(k), sub));
          }
        }
        return out.build();
      }
      default -> {
        return value;
      }
    }
  }

  /** Drops what the tree selects; null when {@code value} itself is dropped. */
  static Value remove(Value value, Object selection) {
    if (selection == null) {
      return value;
    }
    if (selection == LEAF) {
      return null;
    }
    Map<Value, Object> node = asNode(selection);
    switch (value) {
      case ArrayValue a -> {
        // Removed elements close up, as JSON Patch removal does.
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          Value kept = remove(a.get(i), node.get(StringValue.of(Integer.toString(i))));
          if (kept != null) {
            out.add(kept);
          }
        }
        return ArrayValue.of(out);
      }
      case SetValue s -> {
        Set<Value> out = new HashSet<>();
        for (Value e : s) {
          Value kept = remove(e, node.get(e));
          if (kept != null) {
            out.add(kept);
          }
        }
        return SetValue.wrap(out);
      }
      case ObjectValue o -> {
        ObjectValue.Builder out = ObjectValue.builder();
        for (Value k : o.keys()) {
          Value kept = remove(o.get(k), node.get(k));
          if (kept != null) {
            out.put(k, kept);
          }
        }
        return out.build();
      }
      default -> {
        return value;
      }
    }
  }
}
