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
final class GoJson {
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

  private static void write(StringBuilder sb, Value v, String prefix, String indent, int depth) {
    boolean pretty = indent != null;
    switch (v) {
      case NullValue n -> sb.append("null");
      case BooleanValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> appendString(sb, s.value());
      case ArrayValue a -> writeSequence(sb, a.asList(), prefix, indent, depth);
      case SetValue s -> writeSequence(sb, List.of(s.sortedElements()), prefix, indent, depth);
      case ObjectValue o -> {
        List<Entry> entries = sortedEntries(o);
        if (entries.isEmpty()) {
          sb.append("{}");
          return;
        }
        sb.append('{');
        boolean first = true;
        for (Entry e : entries) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          if (pretty) {
            newline(sb, prefix, indent, depth + 1);
          }
          appendString(sb, e.key());
          sb.append(pretty ? ": " : ":");
          write(sb, e.value(), prefix, indent, depth + 1);
        }
        if (pretty) {
          newline(sb, prefix, indent, depth);
        }
        sb.append('}');
      }
    }
  }

  private static void writeSequence(StringBuilder sb, List<Value> items, String prefix, String indent, int depth) {
    if (items.isEmpty()) {
      sb.append("[]");
      return;
    }
    boolean pretty = indent != null;
    sb.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (pretty) {
        newline(sb, prefix, indent, depth + 1);
      }
      write(sb, items.get(i), prefix, indent, depth + 1);
    }
    if (pretty) {
      newline(sb, prefix, indent, depth);
    }
    sb.append(']');
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

  static void appendString(StringBuilder sb, String s) {
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
