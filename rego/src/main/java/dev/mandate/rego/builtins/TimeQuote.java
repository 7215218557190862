package dev.mandate.rego.builtins;

import java.nio.charset.StandardCharsets;

/**
 * Quotes a string the way Go's {@code time} package does in its error messages: in double quotes,
 * with {@code "} and {@code \} escaped and every byte of a non-ASCII or control character written
 * as {@code \xNN}. OPA passes these messages through unchanged, so they must match byte for byte.
 */
final class TimeQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TimeQuote() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp >= 0x80 || cp < ' ') {
        for (byte x : s.substring(i, i + width).getBytes(StandardCharsets.UTF_8)) {
          b.append("\\x").append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
      } else {
        if (cp == '"' || cp == '\\') {
          b.append('\\');
        }
        b.append((char) cp);
      }
      i += width;
    }
    return b.append('"').toString();
  }
}
