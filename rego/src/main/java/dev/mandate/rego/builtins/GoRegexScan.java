package dev.mandate.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * A pre-pass over a pattern for the places where Go's {@code regexp/syntax} and RE2J disagree.
 *
 * <ul>
 *   <li>Go limits sizes: nested counted repetitions may not multiply to more than 1000 copies
 *       ({@code (a{100}){100}} is {@code invalid repeat count}) and capture groups may not nest
 *       1000 deep ({@code expression nests too deeply}). RE2J would compile such patterns into
 *       enormous programs or exhaust the stack, so the check is also a safety net.
 *   <li>Go refuses a backslash before a non-ASCII character ({@code invalid escape sequence});
 *       RE2J takes it as a literal.
 *   <li>Go allows several groups with the same name, RE2J does not; the scan reports where the
 *       group names are so that {@link GoRegex} can rename duplicates.
 * </ul>
 *
 * <p>The scan follows RE2 syntax only as far as needed: escapes (including {@code \Q...\E},
 * {@code \x{..}}, {@code \p{..}}), character classes and flag groups are skipped over. Other
 * syntax errors are left for RE2J to report.
 */
final class GoRegexScan {
  private static final int MAX_REPEAT = 1000;
  private static final int MAX_NESTING = 1000;

  private GoRegexScan() {}

  /** Where a group name sits in the pattern: {@code [start, end)} of the name itself. */
  record NameSpan(int start, int end) {}

  /** The first Go-only error (or null) and the spans of all group names, in order. */
  record Result(String error, List<NameSpan> names) {}

  /** Thrown inside the scan for an escape Go refuses. */
  private static final class BadEscape extends RuntimeException {
    BadEscape(String message) {
      super(message, null, false, false);
    }
  }

  /** A repetition (or a group, with {@code max == 0}) and the repetitions inside it. */
  private record Node(int max, List<Node> subs) {}

  /** Any single-character atom: it holds no repetition. */
  private static final Node ATOM = new Node(0, List.of());

  static Result scan(String p) {
    List<NameSpan> names = new ArrayList<>();
    try {
      return new Result(check(p, names), names);
    } catch (BadEscape e) {
      return new Result(e.getMessage(), names);
    }
  }

  private static String check(String p, List<NameSpan> names) {
    List<List<Node>> stack = new ArrayList<>();
    List<Node> current = new ArrayList<>();
    boolean lastIsAtom = false;
    int captureDepth = 0;
    List<Boolean> frameIsCapture = new ArrayList<>();
    int i = 0;
    int n = p.length();
    while (i < n) {
      char c = p.charAt(i);
      switch (c) {
        case '\\' -> {
          i = skipEscape(p, i);
          current.add(ATOM);
          lastIsAtom = true;
        }
        case '[' -> {
          i = skipClass(p, i);
          current.add(ATOM);
          lastIsAtom = true;
        }
        case '(' -> {
          int flagsEnd = flagGroupEnd(p, i);
          if (flagsEnd > 0) {
            i = flagsEnd; // (?i) sets flags and opens no group
            lastIsAtom = false;
            break;
          }
          boolean capture = !(i + 1 < n && p.charAt(i + 1) == '?')
              || p.startsWith("(?P<", i) || p.startsWith("(?<", i);
          if (capture && ++captureDepth >= MAX_NESTING) {
            return "expression nests too deeply: `" + p + "`";
          }
          if (p.startsWith("(?P<", i) || p.startsWith("(?<", i)) {
            int nameStart = p.indexOf('<', i) + 1;
            int nameEnd = p.indexOf('>', nameStart);
            if (nameEnd > nameStart) {
              names.add(new NameSpan(nameStart, nameEnd));
            }
          }
          frameIsCapture.add(capture);
          stack.add(current);
          current = new ArrayList<>();
          lastIsAtom = false;
          i = groupBodyStart(p, i);
        }
        case ')' -> {
          if (stack.isEmpty()) {
            return null; // unbalanced: RE2J reports it
          }
          if (frameIsCapture.removeLast()) {
            captureDepth--;
          }
          Node group = new Node(0, current);
          current = stack.removeLast();
          current.add(group);
          lastIsAtom = true;
          i++;
        }
        case '{' -> {
          int[] rep = parseRepeat(p, i);
          if (rep == null || !lastIsAtom) {
            current.add(ATOM); // a literal brace
            lastIsAtom = true;
            i++;
            break;
          }
          int min = rep[0];
          int max = rep[1];
          int after = rep[2];
          Node operand = current.removeLast();
          Node repeat = new Node(max < 0 ? Math.max(min, 1) : Math.max(max, 0), List.of(operand));
          if (max == 0) {
            repeat = ATOM; // x{0} matches only the empty string
          }
          if ((min >= 2 || max >= 2) && !repeatIsValid(repeat, MAX_REPEAT)) {
            return "invalid repeat count: `" + p.substring(i, after) + "`";
          }
          current.add(repeat);
          lastIsAtom = false;
          i = after;
          if (i < n && p.charAt(i) == '?') {
            i++;
          }
        }
        case '|' -> {
          lastIsAtom = false;
          i++;
        }
        case '*', '+', '?' -> {
          lastIsAtom = false;
          i++;
        }
        default -> {
          current.add(ATOM);
          lastIsAtom = true;
          i += Character.charCount(p.codePointAt(i));
        }
      }
    }
    return null;
  }

  /** Go's repeatIsValid: at most {@code n} copies of the innermost thing. */
  private static boolean repeatIsValid(Node re, int n) {
    if (re.max() > 0) {
      int m = re.max();
      if (m > n) {
        return false;
      }
      n /= m;
    }
    for (Node sub : re.subs()) {
      if (!repeatIsValid(sub, n)) {
        return false;
      }
    }
    return true;
  }

  /** {@code {n}}, {@code {n,}} or {@code {n,m}} at i: {min, max (-1 open), index after}; else null. */
  private static int[] parseRepeat(String p, int i) {
    int j = i + 1;
    int start = j;
    while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) {
      j++;
    }
    if (j == start || j - start > 8) {
      return null;
    }
    int min = Integer.parseInt(p.substring(start, j));
    int max = min;
    if (j < p.length() && p.charAt(j) == ',') {
      j++;
      int s2 = j;
      while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
        j++;
      }
      if (j - s2 > 8) {
        return null;
      }
      max = j == s2 ? -1 : Integer.parseInt(p.substring(s2, j));
    }
    if (j >= p.length() || p.charAt(j) != '}') {
      return null;
    }
    return new int[] {min, max, j + 1};
  }

  /** End index (exclusive) of a pure flag group like {@code (?i)} or {@code (?-s)} at i, else -1. */
  private static int flagGroupEnd(String p, int i) {
    if (!p.startsWith("(?", i)) {
      return -1;
    }
    for (int j = i + 2; j < p.length(); j++) {
      char c = p.charAt(j);
      if (c == ')') {
        return j + 1;
      }
      if (!(Character.isLetter(c) || c == '-')) {
        return -1;
      }
    }
    return -1;
  }

  /** Index just after a group's opening: {@code (}, {@code (?:}, {@code (?i:}, {@code (?P<n>}. */
  private static int groupBodyStart(String p, int i) {
    if (!p.startsWith("(?", i)) {
      return i + 1;
    }
    int close = p.startsWith("(?P<", i) || p.startsWith("(?<", i) ? p.indexOf('>', i) : p.indexOf(':', i);
    return close < 0 ? p.length() : close + 1;
  }

  private static int skipEscape(String p, int i) {
    int n = p.length();
    if (i + 1 >= n) {
      return n;
    }
    char c = p.charAt(i + 1);
    if (c >= 0x80) {
      int r = p.codePointAt(i + 1);
      throw new BadEscape("invalid escape sequence: `\\" + Character.toString(r) + "`");
    }
    if (c == 'Q') {
      int e = p.indexOf("\\E", i + 2);
      return e < 0 ? n : e + 2;
    }
    if ((c == 'x' || c == 'p' || c == 'P') && i + 2 < n && p.charAt(i + 2) == '{') {
      int e = p.indexOf('}', i + 3);
      return e < 0 ? n : e + 1;
    }
    if (c == 'p' || c == 'P') {
      return Math.min(n, i + 3);
    }
    return i + 1 + Character.charCount(p.codePointAt(i + 1));
  }

  private static int skipClass(String p, int i) {
    int n = p.length();
    int j = i + 1;
    if (j < n && p.charAt(j) == '^') {
      j++;
    }
    boolean first = true;
    while (j < n && (p.charAt(j) != ']' || first)) {
      first = false;
      if (p.startsWith("[:", j)) {
        int e = p.indexOf(":]", j + 2);
        if (e >= 0) {
          j = e + 2;
          continue;
        }
      }
      if (p.charAt(j) == '\\') {
        j = skipEscape(p, j);
      } else {
        j++;
      }
    }
    return Math.min(n, j + 1);
  }
}
