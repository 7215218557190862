package dev.mandate.rego.builtins;

import dev.mandate.rego.value.GoQuote;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URL query escaping as Go's {@code net/url} does it ({@code QueryEscape}, {@code QueryUnescape},
 * {@code ParseQuery}). Java's {@code URLEncoder} differs: it keeps {@code *} and escapes
 * {@code ~}, and its decoder accepts malformed escapes differently.
 */
final class GoUrlQuery {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private GoUrlQuery() {}

  /** Thrown with Go's message for malformed query text. */
  static final class QueryException extends Exception {
    QueryException(String message) {
      super(message, null, false, false);
    }
  }

  /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes {@code +}. */
  static String escape(String s) {
    byte[] b = GoText.utf8(s);
    StringBuilder sb = new StringBuilder(b.length + 8);
    for (byte x : b) {
      int c = x & 0xFF;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~';
  }

  /** Go's {@code url.QueryUnescape}: {@code +} is a space, {@code %XX} a byte. */
  static String unescape(String s) throws QueryException {
    byte[] b = GoText.utf8(s);
    // Go validates every escape before decoding anything.
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '%') {
        if (i + 2 >= b.length || hexValue(b[i + 1]) < 0 || hexValue(b[i + 2]) < 0) {
          int end = Math.min(b.length, i + 3);
          String bad = GoText.decode(b, i, end);
          throw new QueryException("invalid URL escape " + goQuote(bad));
        }
        i += 2;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (c == '%') {
        out.write((hexValue(b[i + 1]) << 4) | hexValue(b[i + 2]));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    return GoText.decode(out.toByteArray());
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Go's {@code url.ParseQuery}: pairs split on {@code &}, key and value on the first {@code =};
   * values of a key keep their order. Like Go, it parses everything and then reports the first
   * problem (a semicolon separator, a bad escape).
   */
  static Map<String, List<String>> parse(String query) throws QueryException {
    Map<String, List<String>> m = new LinkedHashMap<>();
    QueryException first = null;
    int start = 0;
    while (start <= query.length() && !query.isEmpty()) {
      int amp = query.indexOf('&', start);
      String part = amp < 0 ? query.substring(start) : query.substring(start, amp);
      start = amp < 0 ? query.length() + 1 : amp + 1;
      if (part.indexOf(';') >= 0) {
        if (first == null) {
          first = new QueryException("invalid semicolon separator in query");
        }
        continue;
      }
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String rawKey = eq < 0 ? part : part.substring(0, eq);
      String rawValue = eq < 0 ? "" : part.substring(eq + 1);
      String key;
      String value;
      try {
        key = unescape(rawKey);
        value = unescape(rawValue);
      } catch (QueryException e) {
        if (first == null) {
          first = e;
        }
        continue;
      }
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    if (first != null) {
      throw first;
    }
    return m;
  }

  /** Go's {@code strconv.Quote} for the short texts that appear in error messages. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x07 -> sb.append("\\a");
        case 0x08 -> sb.append("\\b");
        case 0x0C -> sb.append("\\f");
        case 0x0B -> sb.append("\\v");
        default -> {
          if (GoQuote.isPrint(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x20 || cp == 0x7F) {
            sb.append(String.format("\\x%02x", cp));
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
