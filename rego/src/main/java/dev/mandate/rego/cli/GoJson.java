package dev.mandate.rego.cli;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON byte for byte as Go's {@code encoding/json} encoder does with
 * {@code SetIndent("", "  ")}, which is how {@code opa eval} prints: two-space indentation,
 * {@code "key": value}, empty containers as {@code []} and {@code {}}, object keys sorted, and
 * Go's string escaping (HTML characters and U+2028/2029 escaped, lowercase hex).
 *
 * <p>Besides Rego {@link Value}s it writes the output envelope: a {@link Map} keeps its
 * iteration order (for Go structs, whose fields print in declaration order), a {@link List} is
 * an array, and {@link String}, {@link Integer} and {@link Long} are scalars.
 */
public final class GoJson {
  private GoJson() {}

  /** Indented text with a trailing newline, as {@code json.Encoder.Encode} ends its output. */
  public static String pretty(Object node) {
    StringBuilder sb = new StringBuilder();
    write(sb, node, 0, true);
    return sb.append('\n').toString();
  }

  /** Compact text, no trailing newline. */
  public static String compact(Object node) {
    StringBuilder sb = new StringBuilder();
    write(sb, node, 0, false);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object node, int depth, boolean pretty) {
    switch (node) {
      case null -> sb.append("null");
      case String s -> quote(sb, s);
      case Integer i -> sb.append(i);
      case Long l -> sb.append(l);
      case Boolean b -> sb.append(b);
      case Map<?, ?> m -> writeObject(sb, m, depth, pretty);
      case List<?> l -> writeArray(sb, l, depth, pretty);
      case Value v -> writeValue(sb, v, depth, pretty);
      default -> throw new IllegalArgumentException("not writable as JSON: " + node.getClass());
    }
  }

  private static void writeValue(StringBuilder sb, Value v, int depth, boolean pretty) {
    switch (v) {
      case NullValue n -> sb.append("null");
      case BooleanValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> quote(sb, s.value());
      case ArrayValue a -> writeArray(sb, a.asList(), depth, pretty);
      // A set marshals as an array in OPA's order.
      case SetValue s -> writeArray(sb, List.of(s.sortedElements()), depth, pretty);
      case ObjectValue o -> {
        // Go maps marshal with sorted string keys; non-string keys print as Rego text.
        TreeMap<String, Value> sorted = new TreeMap<>();
        for (Value k : o.keys()) {
          sorted.put(k instanceof StringValue s ? s.value() : Values.toRego(k), o.get(k));
        }
        writeObject(sb, sorted, depth, pretty);
      }
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> m, int depth, boolean pretty) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, depth + 1, pretty);
      quote(sb, String.valueOf(e.getKey()));
      sb.append(pretty ? ": " : ":");
      write(sb, e.getValue(), depth + 1, pretty);
    }
    newline(sb, depth, pretty);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, List<?> items, int depth, boolean pretty) {
    if (items.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      newline(sb, depth + 1, pretty);
      write(sb, items.get(i), depth + 1, pretty);
    }
    newline(sb, depth, pretty);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int depth, boolean pretty) {
    if (pretty) {
      sb.append('\n');
      sb.append("  ".repeat(depth));
    }
  }

  /** A JSON string literal with Go's escaping rules (HTML-safe, as Go's default encoder). */
  public static void quote(StringBuilder sb, String s) {
    dev.mandate.rego.builtins.GoJson.appendString(sb, s);
  }
}
