package dev.mandate.rego.builtins;

import java.util.List;

/**
 * String operations with the exact semantics of Go's {@code strings} package, which OPA's
 * built-ins are defined by and which differ from Java's in places: white space is Unicode's
 * {@code White_Space} set, case mapping is per code point without context or expansion, cutsets
 * and all indexes are in code points.
 */
final class GoStrings {
  private GoStrings() {}

  /** Go's {@code unicode.IsSpace}. Unlike Java's isWhitespace it includes NBSP and excludes U+001C..U+001F. */
  static boolean isSpace(int c) {
    if (c < 0x80) {
      return c == ' ' || (c >= '\t' && c <= '\r');
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** Drops leading code points that occur in {@code cutset}. */
  static String trimLeft(String s, String cutset) {
    int start = 0;
    while (start < s.length() && inCutset(cutset, s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    return s.substring(start);
  }

  /** Drops trailing code points that occur in {@code cutset}. */
  static String trimRight(String s, String cutset) {
    int end = s.length();
    while (end > 0 && inCutset(cutset, s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(0, end);
  }

  private static boolean inCutset(String cutset, int c) {
    return cutset.indexOf(c) >= 0;
  }

  /** Go's {@code strings.ToLower}: the simple lower-case mapping of each code point. */
  static String toLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
    return sb.toString();
  }

  /** Go's {@code strings.ToUpper}: the simple upper-case mapping of each code point ("ß" stays). */
  static String toUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
    return sb.toString();
  }

  /** Go's {@code strings.Count}: non-overlapping occurrences; an empty needle counts code points + 1. */
  static int count(String s, String needle) {
    if (needle.isEmpty()) {
      return s.codePointCount(0, s.length()) + 1;
    }
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /** Code point index corresponding to a UTF-16 index within {@code s}. */
  static int codePointIndex(String s, int charIndex) {
    return s.codePointCount(0, charIndex);
  }

  /** Reverses code points (not UTF-16 units), as Go reverses runes. */
  static String reverse(String s) {
    int[] cps = s.codePoints().toArray();
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = cps.length - 1; i >= 0; i--) {
      sb.appendCodePoint(cps[i]);
    }
    return sb.toString();
  }

  /** An old/new pair of a replacer. */
  record Replacement(String old, String replacement) {}

  /**
   * Go's {@code strings.Replacer}: scans left to right; at each position the first pair (in
   * the given order) whose old string starts there is applied and the scan continues after
   * it. An empty old string matches between every two code points, but never twice in a row at
   * the same position.
   */
  static String replace(String s, List<Replacement> pairs, BuiltinContext ctx) {
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    boolean previousMatchWasEmpty = false;
    int i = 0;
    int steps = 0;
    while (i <= s.length()) {
      if (++steps % 65536 == 0 && ctx != null) {
        ctx.checkCancelled();
      }
      Replacement match = null;
      for (Replacement p : pairs) {
        if (p.old().isEmpty() && previousMatchWasEmpty) {
          continue;
        }
        if (s.startsWith(p.old(), i)) {
          match = p;
          break;
        }
      }
      previousMatchWasEmpty = match != null && match.old().isEmpty();
      if (match != null) {
        out.append(s, last, i).append(match.replacement());
        i += match.old().length();
        last = i;
        continue;
      }
      if (i == s.length()) {
        break;
      }
      i += Character.charCount(s.codePointAt(i));
    }
    out.append(s, last, s.length());
    return out.toString();
  }
}
