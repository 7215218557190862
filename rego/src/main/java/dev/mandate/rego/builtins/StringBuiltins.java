package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The basic string built-ins. Positions and lengths count Unicode code points, as OPA counts
 * Go runes, never UTF-16 units.
 */
public final class StringBuiltins {
  private StringBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("concat", 2, (ctx, a) -> concat(a));
    r.function("contains", 2,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).contains(Args.string(a, 1))));
    r.function("startswith", 2,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).startsWith(Args.string(a, 1))));
    r.function("endswith", 2,
        (ctx, a) -> BooleanValue.of(Args.string(a, 0).endsWith(Args.string(a, 1))));
    r.function("lower", 1, (ctx, a) -> StringValue.of(GoStrings.toLower(Args.string(a, 0))));
    r.function("upper", 1, (ctx, a) -> StringValue.of(GoStrings.toUpper(Args.string(a, 0))));
    r.function("split", 2, (ctx, a) -> split(Args.string(a, 0), Args.string(a, 1)));
    r.function("substring", 3, (ctx, a) -> substring(a));
    r.function("trim", 2, (ctx, a) -> {
      String s = Args.string(a, 0);
      String cutset = Args.string(a, 1);
      return StringValue.of(GoStrings.trimRight(GoStrings.trimLeft(s, cutset), cutset));
    });
    r.function("trim_left", 2,
        (ctx, a) -> StringValue.of(GoStrings.trimLeft(Args.string(a, 0), Args.string(a, 1))));
    r.function("trim_right", 2,
        (ctx, a) -> StringValue.of(GoStrings.trimRight(Args.string(a, 0), Args.string(a, 1))));
    r.function("trim_prefix", 2, (ctx, a) -> {
      String s = Args.string(a, 0);
      String prefix = Args.string(a, 1);
      return s.startsWith(prefix) ? StringValue.of(s.substring(prefix.length())) : a[0];
    });
    r.function("trim_suffix", 2, (ctx, a) -> {
      String s = Args.string(a, 0);
      String suffix = Args.string(a, 1);
      return s.endsWith(suffix) ? StringValue.of(s.substring(0, s.length() - suffix.length())) : a[0];
    });
    r.function("trim_space", 1, (ctx, a) -> StringValue.of(GoStrings.trimSpace(Args.string(a, 0))));
    r.function("indexof", 2, (ctx, a) -> indexOf(a));
    r.function("indexof_n", 2, (ctx, a) -> indexOfN(a));
    r.function("replace", 3, (ctx, a) -> {
      String s = Args.string(a, 0);
      String old = Args.string(a, 1);
      String replacement = Args.string(a, 2);
      return StringValue.of(
          GoStrings.replace(s, List.of(new GoStrings.Replacement(old, replacement)), ctx));
    });
    r.function("strings.replace_n", 2, (ctx, a) -> replaceN(a, ctx));
    r.function("format_int", 2, (ctx, a) -> formatInt(a));
    r.function("strings.reverse", 1, (ctx, a) -> StringValue.of(GoStrings.reverse(Args.string(a, 0))));
    r.function("strings.count", 2,
        (ctx, a) -> NumberValue.of(GoStrings.count(Args.string(a, 0), Args.string(a, 1))));
    r.function("strings.any_prefix_match", 2, (ctx, a) -> {
      List<String> strings = stringsOperand(a, 0);
      List<String> prefixes = stringsOperand(a, 1);
      return BooleanValue.of(strings.stream().anyMatch(s -> prefixes.stream().anyMatch(s::startsWith)));
    });
    r.function("strings.any_suffix_match", 2, (ctx, a) -> {
      List<String> strings = stringsOperand(a, 0);
      List<String> suffixes = stringsOperand(a, 1);
      return BooleanValue.of(strings.stream().anyMatch(s -> suffixes.stream().anyMatch(s::endsWith)));
    });
  }

  /** Joins the strings of an array (in order) or a set (in OPA's order) with a delimiter. */
  private static Value concat(Value[] a) {
    String delimiter = Args.string(a, 0);
    Value[] parts = switch (a[1]) {
      case ArrayValue arr -> arr.toArray();
      case SetValue s -> s.sortedElements();
      default -> throw Operands.typeError(1, a[1], "set", "array");
    };
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (!(parts[i] instanceof StringValue s)) {
        throw Operands.elementError(1, a[1], parts[i], "string");
      }
      if (i > 0) {
        sb.append(delimiter);
      }
      sb.append(s.value());
    }
    return StringValue.of(sb.toString());
  }

  /**
   * Go's {@code strings.Split}: every part between delimiters, empty ones included; an empty
   * delimiter splits into code points (and the empty string into no parts at all).
   */
  private static Value split(String s, String delimiter) {
    List<Value> parts = new ArrayList<>();
    if (delimiter.isEmpty()) {
      s.codePoints().forEach(c -> parts.add(StringValue.of(Character.toString(c))));
      return ArrayValue.of(parts);
    }
    int start = 0;
    for (int i = s.indexOf(delimiter); i >= 0; i = s.indexOf(delimiter, start)) {
      parts.add(StringValue.of(s.substring(start, i)));
      start = i + delimiter.length();
    }
    parts.add(StringValue.of(s.substring(start)));
    return ArrayValue.of(parts);
  }

  /**
   * {@code length} code points from {@code start}; a negative length takes the rest, and a
   * start at or past the end gives "". A negative start is an error.
   */
  private static Value substring(Value[] a) {
    String s = Args.string(a, 0);
    long start = Operands.longOperand(a, 1);
    long length = Operands.longOperand(a, 2);
    if (start < 0) {
      throw BuiltinException.error("negative offset");
    }
    int codePoints = s.codePointCount(0, s.length());
    if (start >= codePoints) {
      return StringValue.EMPTY;
    }
    long end = length < 0 ? codePoints : Math.min(codePoints, start + Math.min(length, codePoints));
    int from = s.offsetByCodePoints(0, (int) start);
    int to = s.offsetByCodePoints(from, (int) (end - start));
    return StringValue.of(s.substring(from, to));
  }

  /** Code point index of the first occurrence, or -1. */
  private static Value indexOf(Value[] a) {
    String s = Args.string(a, 0);
    String needle = Args.string(a, 1);
    if (needle.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    int i = s.indexOf(needle);
    return NumberValue.of(i < 0 ? -1 : GoStrings.codePointIndex(s, i));
  }

  /** Code point indexes of every occurrence, overlapping ones included. */
  private static Value indexOfN(Value[] a) {
    String s = Args.string(a, 0);
    String needle = Args.string(a, 1);
    if (needle.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    List<Value> out = new ArrayList<>();
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + Character.charCount(s.codePointAt(i)))) {
      out.add(NumberValue.of(GoStrings.codePointIndex(s, i)));
    }
    return ArrayValue.of(out);
  }

  /**
   * Replaces several strings at once: at each position the smallest matching key (in OPA's
   * order of keys) wins, whatever order the object was written in.
   */
  private static Value replaceN(Value[] a, BuiltinContext ctx) {
    ObjectValue patterns = Args.object(a, 0);
    String s = Args.string(a, 1);
    Value[] keys = patterns.keys().clone();
    // Go orders string keys by their UTF-8 bytes, which is code point order.
    Arrays.sort(keys, StringBuiltins::compareKeys);
    List<GoStrings.Replacement> pairs = new ArrayList<>(keys.length);
    for (Value k : keys) {
      if (!(k instanceof StringValue old)) {
        throw BuiltinException.type("operand 1 non-string key found in pattern object");
      }
      if (!(patterns.get(k) instanceof StringValue replacement)) {
        throw BuiltinException.type("operand 1 non-string value found in pattern object");
      }
      pairs.add(new GoStrings.Replacement(old.value(), replacement.value()));
    }
    return StringValue.of(GoStrings.replace(s, pairs, ctx));
  }

  private static int compareKeys(Value x, Value y) {
    if (x instanceof StringValue a && y instanceof StringValue b) {
      return Arrays.compare(a.value().codePoints().toArray(), b.value().codePoints().toArray());
    }
    return x.compareTo(y);
  }

  /**
   * An integer in base 2, 8, 10 or 16 (lower-case digits, "-" for negatives). A fraction is
   * truncated toward zero first.
   */
  private static Value formatInt(Value[] a) {
    NumberValue n = Args.number(a, 0);
    NumberValue base = Args.number(a, 1);
    int radix = base.isLong() ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, base.longValue())) : 0;
    if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
      throw BuiltinException.type("operand 2 must be one of {2, 8, 10, 16}");
    }
    BigInteger whole = n.isInteger()
        ? n.toBigInteger()
        : n.toBigDecimal().setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    return StringValue.of(whole.toString(radix));
  }

  /** A string, or an array or set of strings, as a list of strings. */
  private static List<String> stringsOperand(Value[] a, int index) {
    Iterable<Value> items = switch (a[index]) {
      case StringValue s -> List.of(s);
      case ArrayValue arr -> arr;
      case SetValue s -> s;
      default -> throw Operands.typeError(index, a[index], "string", "set", "array");
    };
    List<String> out = new ArrayList<>();
    for (Value v : items) {
      if (!(v instanceof StringValue s)) {
        throw Operands.elementError(index, a[index], v, "string");
      }
      out.add(s.value());
    }
    return out;
  }
}
