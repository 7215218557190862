package dev.mandate.rego.builtins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.Arrays;

/**
 * {@code glob.match(pattern, delimiters, match)} and {@code glob.quote_meta(pattern)} with
 * gobwas/glob semantics (see {@link GlobCompiler}). Delimiters are an array of one-character
 * strings; an empty array means the default delimiter {@code "."}, and {@code null} means no
 * delimiters at all (then {@code *} also crosses dots).
 */
public final class GlobBuiltins {
  private GlobBuiltins() {}

  /** Compiled globs kept at most. */
  static final int CACHE_SIZE = 10_000;

  private static final int[] DEFAULT_DELIMITERS = {'.'};

  private record Key(String pattern, String delimiters) {}

  private static final Cache<Key, Pattern> CACHE = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

  public static void register(BuiltinRegistry r) {
    r.function("glob.match", 3, (ctx, args) -> {
      String pattern = Args.string(args, 0);
      int[] delimiters = delimiters(args);
      String match = Args.string(args, 2);
      return BooleanValue.of(compile(pattern, delimiters).matcher(match).matches());
    });

    r.function("glob.quote_meta", 1, (ctx, args) -> StringValue.of(quoteMeta(Args.string(args, 0))));
  }

  static Pattern compile(String pattern, int[] delimiters) {
    Key key = new Key(pattern, new String(delimiters, 0, delimiters.length));
    Pattern p = CACHE.getIfPresent(key);
    if (p == null) {
      try {
        p = GlobCompiler.compile(pattern, delimiters);
      } catch (GoRegex.InvalidPattern e) {
        throw BuiltinException.error(e.getMessage());
      }
      CACHE.put(key, p);
    }
    return p;
  }

  /** Entries currently cached (after pending evictions run). */
  static long cachedGlobs() {
    CACHE.cleanUp();
    return CACHE.estimatedSize();
  }

  private static int[] delimiters(Value[] args) {
    Value v = args[1];
    if (v instanceof NullValue) {
      return new int[0];
    }
    if (!(v instanceof ArrayValue a)) {
      throw Args.mismatch(1, Args.oneOfText("array", "null"), v);
    }
    if (a.size() == 0) {
      return DEFAULT_DELIMITERS;
    }
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      Value e = a.get(i);
      if (!(e instanceof StringValue s)) {
        throw BuiltinException.type("operand 2 must be array of strings but got array containing " + e.typeName());
      }
      if (s.value().codePointCount(0, s.value().length()) != 1) {
        throw BuiltinException.type("operand 2 must be array of runes but got array containing string");
      }
      out[i] = s.value().codePointAt(0);
    }
    return Arrays.copyOf(out, out.length);
  }

  /** gobwas's QuoteMeta: a backslash before each of {@code * ? \ [ ] { }}. */
  static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder(s.length() * 2);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("*?\\[]{}".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
