package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JSON text exactly as Go's {@code encoding/json} writes OPA's JSON form of a value
 * ({@code json.Marshal} and {@code json.MarshalIndent}).
 *
 * <p>What makes this differ from a generic JSON writer: strings escape {@code <}, {@code >} and
 * {@code &} as {@code \\u003c} etc. (Go's HTML-safe default), U+2028 and U+2029 are escaped,
 * {@code \b} and {@code \f} use their short escapes (Go 1.22+), other control characters use
 * lower-case {@code \\u00XX}, and text that is not valid Unicode becomes {@code \\ufffd}. Object
 * keys are sorted by their UTF-8 bytes; a non-string key is written as its own compact JSON text
 * (OPA converts keys that way); sets are arrays in OPA's element order.
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Code point order, which is the byte order of the UTF-8 forms Go compares. */
  static final Comparator<String> UTF8_ORDER = GoJson::compareCodePoints;

  private GoJson() {}

  static String marshal(Value v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, null, null, 0);
    return sb.toString();
  }

  /**
   * {@code json.MarshalIndent(v, prefix, indent)}: every line after the first starts with
   * {@code prefix}; OPA adds the prefix to the first line itself.
   */
  static String marshalIndent(Value v, String prefix, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, prefix, indent, 0);
    return sb.toString();
  }

  private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
    sb.append('\n').append(prefix);
    for (int i = 0; i < depth; i++) {
      sb.append(indent);
    }
  }

  /** A container being written: its remaining members and how deep it sits. */
  private static final class Frame {
    final java.util.Iterator<?> members; // Values for arrays and sets, Entries for objects
    final boolean object;
    final int depth;
    boolean first = true;

    Frame(java.util.Iterator<?> members, boolean object, int depth) {
      this.members = members;
      this.object = object;
      this.depth = depth;
    }
  }

  /**
   * Writes with an explicit stack rather than recursion: values built by policies can nest
   * deeper than the Java stack allows.
   */
  private static void write(StringBuilder sb, Value root, String prefix, String indent, int rootDepth) {
    boolean pretty = indent != null;
    java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
    open(sb, root, rootDepth, stack);
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (!f.members.hasNext()) {
        stack.pop();
        if (pretty) {
          newline(sb, prefix, indent, f.depth);
        }
        sb.append(f.object ? '}' : ']');
        continue;
      }
      if (!f.first) {
        sb.append(',');
      }
      f.first = false;
      if (pretty) {
        newline(sb, prefix, indent, f.depth + 1);
      }
      Value child;
      if (f.object) {
        Entry e = (Entry) f.members.next();
        appendString(sb, e.key());
        sb.append(pretty ? ": " : ":");
        child = e.value();
      } else {
        child = (Value) f.members.next();
      }
      open(sb, child, f.depth + 1, stack);
    }
  }

  /** Writes a scalar or an empty container whole; starts a frame for any other container. */
  private static void open(StringBuilder sb, Value v, int depth, java.util.ArrayDeque<Frame> stack) {
    switch (v) {
      case NullValue n -> sb.append("null");
      case BooleanValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> appendString(sb, s.value());
      case ArrayValue a -> openSequence(sb, a.asList(), depth, stack);
      case SetValue s -> openSequence(sb, List.of(s.sortedElements()), depth, stack);
      case ObjectValue o -> {
        List<Entry> entries = sortedEntries(o);
        if (entries.isEmpty()) {
          sb.append("{}");
        } else {
          sb.append('{');
          stack.push(new Frame(entries.iterator(), true, depth));
        }
      }
    }
  }

  private static void openSequence(StringBuilder sb, List<Value> items, int depth, java.util.ArrayDeque<Frame> stack) {
    if (items.isEmpty()) {
      sb.append("[]");
    } else {
      sb.append('[');
      stack.push(new Frame(items.iterator(), false, depth));
    }
  }

  private record Entry(String key, Value value) {}

  /**
   * Entries with keys converted to strings and sorted as Go sorts map keys. When two keys
   * convert to the same string (e.g. {@code 1} and {@code "1"}), the one later in OPA's key
   * order wins, as the later insertion into Go's map does.
   */
  private static List<Entry> sortedEntries(ObjectValue o) {
    java.util.TreeMap<String, Value> m = new java.util.TreeMap<>(UTF8_ORDER);
    for (Value k : o.keys()) {
      m.put(keyString(k), o.get(k));
    }
    List<Entry> out = new ArrayList<>(m.size());
    m.forEach((k, val) -> out.add(new Entry(k, val)));
    return out;
  }

  /** A key as OPA's JSON conversion writes it: strings as they are, others as compact JSON. */
  static String keyString(Value k) {
    return k instanceof StringValue s ? s.value() : marshal(k);
  }

  /** Appends {@code s} as a JSON string literal with Go's escaping (HTML-safe, lone surrogates as U+FFFD). */
  public static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
