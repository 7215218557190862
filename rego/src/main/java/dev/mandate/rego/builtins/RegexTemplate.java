package dev.mandate.rego.builtins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import dev.mandate.rego.value.GoQuote;

/**
 * The patterns of {@code regex.template_match}: text between a start and an end delimiter is a
 * regular expression, everything else is literal, and the whole must match ({@code ^...$}).
 * Delimiters nest; an unbalanced template is an error, as is any embedded pattern that does not
 * compile on its own. This is the gorilla/mux-style template OPA implements.
 *
 * <p>OPA keys its template cache by the template alone, shared with plain {@code regex.match}
 * patterns, so the same text used both ways can pick up the other's compilation; here templates
 * are cached separately, keyed by template and delimiters, so results never depend on history.
 */
final class RegexTemplate {
  private record Key(String template, char start, char end) {}

  private static final Cache<Key, Pattern> CACHE =
      Caffeine.newBuilder().maximumSize(GoRegex.CACHE_SIZE).build();

  private RegexTemplate() {}

  static Pattern compile(String template, char start, char end) {
    Key key = new Key(template, start, end);
    Pattern p = CACHE.getIfPresent(key);
    if (p == null) {
      p = compileUncached(template, start, end);
      CACHE.put(key, p);
    }
    return p;
  }

  private static Pattern compileUncached(String tpl, char delimStart, char delimEnd) {
    int[] idxs = delimiterIndices(tpl, delimStart, delimEnd);
    StringBuilder pattern = new StringBuilder("^");
    int end = 0;
    for (int i = 0; i < idxs.length; i += 2) {
      String raw = tpl.substring(end, idxs[i]);
      end = idxs[i + 1];
      String patt = tpl.substring(idxs[i] + 1, end - 1);
      pattern.append(GoRegex.quoteMeta(raw)).append('(').append(patt).append(')');
      // Each embedded pattern must be valid on its own.
      GoRegex.compileUncached("^" + patt + "$");
    }
    pattern.append(GoRegex.quoteMeta(tpl.substring(end))).append('$');
    return GoRegex.compileUncached(pattern.toString()).pattern();
  }

  /** Start and end (exclusive) of each outermost delimited section. */
  private static int[] delimiterIndices(String s, char delimStart, char delimEnd) {
    int level = 0;
    int idx = 0;
    int[] idxs = new int[8];
    int count = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == delimStart) {
        if (++level == 1) {
          idx = i;
        }
      } else if (c == delimEnd) {
        if (--level == 0) {
          if (count + 2 > idxs.length) {
            idxs = java.util.Arrays.copyOf(idxs, idxs.length * 2);
          }
          idxs[count++] = idx;
          idxs[count++] = i + 1;
        } else if (level < 0) {
          throw unbalanced(s);
        }
      }
    }
    if (level != 0) {
      throw unbalanced(s);
    }
    return java.util.Arrays.copyOf(idxs, count);
  }

  private static GoRegex.InvalidPattern unbalanced(String s) {
    // OPA's message wraps an already-quoted template in another pair of quotes.
    return new GoRegex.InvalidPattern("unbalanced braces in \"" + GoQuote.quote(s) + "\"");
  }
}
