package dev.mandate.rego.builtins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go {@code regexp} behaviour on top of RE2J (never {@code java.util.regex}): compilation with
 * Go's error texts, cached in a bounded cache shared by all evaluations, and the Go match-walking
 * rules for {@code FindAll}, {@code ReplaceAllString} (with {@code $1}/{@code ${name}}
 * expansion) and {@code Split}. RE2 matching is linear in the input, so no pattern can
 * backtrack catastrophically; loops over many matches still poll for cancellation.
 */
final class GoRegex {
  /** Compiled patterns kept at most; least recently used ones are evicted beyond it. */
  static final int CACHE_SIZE = 10_000;

  private static final Cache<String, Compiled> CACHE =
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

  private GoRegex() {}

  /**
   * A compiled pattern and Go's names of its groups by index ({@code null} for unnamed ones).
   * Go allows a name on several groups; RE2J does not, so later duplicates are compiled under
   * synthetic names and mapped back here.
   */
  record Compiled(Pattern pattern, String[] groupNames) {}

  /** Raised when a pattern does not compile; the message is Go's {@code regexp.Compile} error. */
  static final class InvalidPattern extends RuntimeException {
    InvalidPattern(String message) {
      super(message, null, false, false);
    }
  }

  /** The compiled pattern, from the cache when possible. */
  static Compiled compile(String pattern) {
    Compiled c = CACHE.getIfPresent(pattern);
    if (c == null) {
      c = compileUncached(pattern);
      CACHE.put(pattern, c);
    }
    return c;
  }

  /** Compiles without touching the cache; throws {@link InvalidPattern}. */
  static Compiled compileUncached(String pattern) {
    GoRegexScan.Result scan = GoRegexScan.scan(pattern);
    if (scan.error() != null) {
      throw new InvalidPattern("error parsing regexp: " + scan.error());
    }
    Map<String, String> synthetic = new HashMap<>();
    String source = renameDuplicateGroups(pattern, scan.names(), synthetic);
    Pattern re;
    try {
      re = Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      throw new InvalidPattern(goMessage(e, pattern));
    } catch (StackOverflowError e) {
      throw new InvalidPattern("error parsing regexp: expression nests too deeply: `" + pattern + "`");
    }
    String[] names = new String[re.groupCount() + 1];
    for (Map.Entry<String, Integer> e : re.namedGroups().entrySet()) {
      names[e.getValue()] = synthetic.getOrDefault(e.getKey(), e.getKey());
    }
    return new Compiled(re, names);
  }

  /** Gives every repeated group name after the first a fresh name; records fresh → original. */
  private static String renameDuplicateGroups(String pattern, List<GoRegexScan.NameSpan> spans,
      Map<String, String> synthetic) {
    Set<String> all = new HashSet<>();
    for (GoRegexScan.NameSpan span : spans) {
      all.add(pattern.substring(span.start(), span.end()));
    }
    if (all.size() == spans.size()) {
      return pattern;
    }
    Set<String> seen = new HashSet<>();
    StringBuilder sb = new StringBuilder();
    int last = 0;
    int counter = 0;
    for (GoRegexScan.NameSpan span : spans) {
      String name = pattern.substring(span.start(), span.end());
      if (seen.add(name)) {
        continue;
      }
      String fresh;
      do {
        fresh = "dup" + counter++ + "_" + name;
      } while (all.contains(fresh));
      all.add(fresh);
      synthetic.put(fresh, name);
      sb.append(pattern, last, span.start()).append(fresh);
      last = span.end();
    }
    return sb.append(pattern, last, pattern.length()).toString();
  }

  /** RE2J words errors as Go does except for an unmatched {@code )} and a trailing backslash. */
  private static String goMessage(PatternSyntaxException e, String pattern) {
    String m = e.getMessage();
    if (m == null) {
      return "error parsing regexp: " + pattern;
    }
    if (m.contains("stack underflow")) {
      return "error parsing regexp: unexpected ): `" + pattern + "`";
    }
    if (m.endsWith("trailing backslash at end of expression")) {
      return m + ": ``";
    }
    return m;
  }

  /** Entries currently cached (after pending evictions run); for tests and metrics. */
  static long cachedPatterns() {
    CACHE.cleanUp();
    return CACHE.estimatedSize();
  }

  /** Go's {@code regexp.QuoteMeta}. */
  static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder(s.length() * 2);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Go's allMatches: up to {@code n} matches ({@code n < 0}: all), each as group offsets
   * {@code [start0, end0, start1, end1, ...]} with -1 for groups that did not take part. An empty
   * match right after the previous match is skipped, and the search always advances.
   */
  static List<int[]> findAll(BuiltinContext ctx, Pattern re, String s, long n) {
    List<int[]> out = new ArrayList<>();
    if (n < 0) {
      n = Long.MAX_VALUE;
    }
    Matcher m = re.matcher(s);
    int groups = m.groupCount();
    int end = s.length();
    int prevMatchEnd = -1;
    for (int pos = 0; out.size() < n && pos <= end; ) {
      if (!m.find(pos)) {
        break;
      }
      ctx.checkCancelled();
      int[] match = offsets(m, groups);
      boolean accept = true;
      if (match[1] == pos) {
        // An empty match right after the previous one is not reported.
        if (match[0] == prevMatchEnd) {
          accept = false;
        }
        pos = pos < end ? pos + Character.charCount(s.codePointAt(pos)) : end + 1;
      } else {
        pos = match[1];
      }
      prevMatchEnd = match[1];
      if (accept) {
        out.add(match);
      }
    }
    return out;
  }

  private static int[] offsets(Matcher m, int groups) {
    int[] match = new int[2 * (groups + 1)];
    for (int g = 0; g <= groups; g++) {
      match[2 * g] = m.start(g);
      match[2 * g + 1] = m.end(g);
    }
    return match;
  }

  /** Go's {@code Split(s, -1)}. */
  static List<String> split(BuiltinContext ctx, Pattern re, String s) {
    List<String> out = new ArrayList<>();
    if (!re.pattern().isEmpty() && s.isEmpty()) {
      out.add("");
      return out;
    }
    int beg = 0;
    int end = 0;
    for (int[] match : findAll(ctx, re, s, -1)) {
      end = match[0];
      if (match[1] != 0) {
        out.add(s.substring(beg, end));
      }
      beg = match[1];
    }
    if (end != s.length()) {
      out.add(s.substring(beg));
    }
    return out;
  }

  /** Go's {@code ReplaceAllString}: {@code $} in the replacement expands groups. */
  static String replaceAll(BuiltinContext ctx, Compiled compiled, String src, String repl) {
    boolean expand = repl.indexOf('$') >= 0;
    Matcher m = compiled.pattern().matcher(src);
    int groups = m.groupCount();
    String[] names = compiled.groupNames();
    StringBuilder buf = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    int end = src.length();
    while (searchPos <= end) {
      if (!m.find(searchPos)) {
        break;
      }
      ctx.checkCancelled();
      int[] a = offsets(m, groups);
      buf.append(src, lastMatchEnd, a[0]);
      // No replacement for an empty match right after another match.
      if (a[1] > lastMatchEnd || a[0] == 0) {
        if (expand) {
          expand(buf, repl, src, a, names);
        } else {
          buf.append(repl);
        }
      }
      lastMatchEnd = a[1];
      int width = searchPos < end ? Character.charCount(src.codePointAt(searchPos)) : 0;
      if (searchPos + width > a[1]) {
        searchPos += width;
      } else if (searchPos + 1 > a[1]) {
        searchPos++; // only at the end of the input, where width is 0
      } else {
        searchPos = a[1];
      }
    }
    buf.append(src, Math.min(lastMatchEnd, end), end);
    return buf.toString();
  }

  /**
   * Go's {@code Regexp.Expand}: {@code $$} is a dollar; {@code $name} takes the longest run of
   * letters, digits and underscores; {@code ${name}} is explicit; an all-digit name (without a
   * leading zero) is a group number; unknown groups expand to nothing; a malformed reference
   * leaves the {@code $} as text.
   */
  static void expand(StringBuilder dst, String template, String src, int[] match, String[] names) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      dst.append(template, i, dollar);
      i = dollar + 1;
      if (i < n && template.charAt(i) == '$') {
        dst.append('$');
        i++;
        continue;
      }
      boolean brace = i < n && template.charAt(i) == '{';
      int nameStart = brace ? i + 1 : i;
      int j = nameStart;
      while (j < n) {
        int r = template.codePointAt(j);
        if (!Character.isLetter(r) && !Character.isDigit(r) && r != '_') {
          break;
        }
        j += Character.charCount(r);
      }
      if (j == nameStart || (brace && (j >= n || template.charAt(j) != '}'))) {
        dst.append('$'); // malformed: the $ is literal text
        continue;
      }
      String name = template.substring(nameStart, j);
      i = brace ? j + 1 : j;
      int group = groupNumber(name);
      if (group < 0) {
        // The first group of that name that took part in the match.
        for (int g = 0; g < names.length; g++) {
          if (name.equals(names[g]) && match[2 * g] >= 0) {
            group = g;
            break;
          }
        }
      }
      if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
        dst.append(src, match[2 * group], match[2 * group + 1]);
      }
    }
    if (i < n) {
      dst.append(template, i, n);
    }
  }

  /** The group number an all-ASCII-digit name denotes, or -1 (leading zeros are not numbers). */
  private static int groupNumber(String name) {
    long num = 0;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    if (name.charAt(0) == '0' && name.length() > 1) {
      return -1;
    }
    return (int) num;
  }
}
