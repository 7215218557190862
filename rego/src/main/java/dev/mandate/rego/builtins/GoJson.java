package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text exactly as Go's {@code json.Marshal} writes a Rego value: compact, object keys
 * sorted by their UTF-8 bytes, and {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * escaped. {@code io.jwt.encode_sign} signs these bytes, so a different spelling would give a
 * different token than OPA's.
 */
final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  static String marshal(Value v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Value v) {
    switch (v) {
      case NullValue n -> sb.append("null");
      case BooleanValue b -> sb.append(b.value());
      case NumberValue n -> sb.append(n);
      case StringValue s -> quote(sb, s.value());
      case ArrayValue a -> {
        sb.append('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, a.get(i));
        }
        sb.append(']');
      }
      case SetValue s -> {
        sb.append('[');
        boolean first = true;
        for (Value e : s.sortedElements()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          write(sb, e);
        }
        sb.append(']');
      }
      case ObjectValue o -> {
        // Code point order is UTF-8 byte order, which is how Go sorts map keys.
        TreeMap<String, Value> sorted = new TreeMap<>(GoJson::compareCodePoints);
        for (Value k : o.keys()) {
          sorted.put(k instanceof StringValue s ? s.value() : Values.toRego(k), o.get(k));
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> e : sorted.entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(sb, e.getKey());
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
    }
  }

  private static int compareCodePoints(String a, String b) {
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
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isSurrogate(c)) {
            // A well-formed pair is copied; a lone surrogate is invalid UTF-8 to Go: U+FFFD.
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              sb.append("\\ufffd");
            }
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
  }
}
