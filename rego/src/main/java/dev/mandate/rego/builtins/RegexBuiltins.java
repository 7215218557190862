package dev.mandate.rego.builtins;

import com.google.re2j.Pattern;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code regex.*} built-ins with Go RE2 syntax and semantics (through RE2J): matching,
 * validity, splitting, finding, replacing, template matching and glob intersection. Invalid
 * patterns are {@code eval_builtin_error}s carrying Go's message
 * ({@code error parsing regexp: missing closing ]: `[`}).
 */
public final class RegexBuiltins {
  private RegexBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("regex.is_valid", 1, (ctx, args) -> {
      // OPA answers false, not a type error, for a non-string operand.
      if (!(args[0] instanceof StringValue s)) {
        return BooleanValue.FALSE;
      }
      try {
        GoRegex.compile(s.value());
        return BooleanValue.TRUE;
      } catch (GoRegex.InvalidPattern e) {
        return BooleanValue.FALSE;
      }
    });

    r.function("regex.match", 2, (ctx, args) -> {
      String pattern = Args.string(args, 0);
      String value = Args.string(args, 1);
      return BooleanValue.of(compile(pattern).pattern().matcher(value).find());
    });

    r.function("regex.split", 2, (ctx, args) -> {
      String pattern = Args.string(args, 0);
      String value = Args.string(args, 1);
      return strings(GoRegex.split(ctx, compile(pattern).pattern(), value));
    });

    r.function("regex.find_n", 3, (ctx, args) -> {
      String pattern = Args.string(args, 0);
      String value = Args.string(args, 1);
      long n = goInt(args, 2);
      Pattern re = compile(pattern).pattern();
      List<int[]> matches = GoRegex.findAll(ctx, re, value, n);
      Value[] out = new Value[matches.size()];
      for (int i = 0; i < out.length; i++) {
        int[] m = matches.get(i);
        out[i] = StringValue.of(value.substring(m[0], m[1]));
      }
      return ArrayValue.wrap(out);
    });

    r.function("regex.find_all_string_submatch_n", 3, (ctx, args) -> {
      String pattern = Args.string(args, 0);
      String value = Args.string(args, 1);
      long n = goInt(args, 2);
      Pattern re = compile(pattern).pattern();
      List<int[]> matches = GoRegex.findAll(ctx, re, value, n);
      Value[] out = new Value[matches.size()];
      for (int i = 0; i < out.length; i++) {
        int[] m = matches.get(i);
        Value[] groups = new Value[m.length / 2];
        for (int g = 0; g < groups.length; g++) {
          // A group that took no part in the match is the empty string, as in Go.
          groups[g] = m[2 * g] < 0 ? StringValue.EMPTY : StringValue.of(value.substring(m[2 * g], m[2 * g + 1]));
        }
        out[i] = ArrayValue.wrap(groups);
      }
      return ArrayValue.wrap(out);
    });

    r.function("regex.replace", 3, (ctx, args) -> {
      String base = Args.string(args, 0);
      String pattern = Args.string(args, 1);
      String replacement = Args.string(args, 2);
      String result = GoRegex.replaceAll(ctx, compile(pattern), base, replacement);
      return result.equals(base) ? args[0] : StringValue.of(result);
    });

    r.function("regex.template_match", 4, (ctx, args) -> {
      String template = Args.string(args, 0);
      String value = Args.string(args, 1);
      String start = Args.string(args, 2);
      String end = Args.string(args, 3);
      int startLength = utf8Length(start);
      if (startLength != 1) {
        throw BuiltinException.error(
            "start delimiter has to be exactly one character long but is " + startLength + " long");
      }
      if (utf8Length(end) != 1) {
        // OPA reports the start delimiter's length here too.
        throw BuiltinException.error(
            "end delimiter has to be exactly one character long but is " + startLength + " long");
      }
      try {
        return BooleanValue.of(RegexTemplate.compile(template, start.charAt(0), end.charAt(0))
            .matcher(value).find());
      } catch (GoRegex.InvalidPattern e) {
        throw BuiltinException.error(e.getMessage());
      }
    });

    r.function("regex.globs_match", 2, (ctx, args) -> {
      String glob1 = Args.string(args, 0);
      String glob2 = Args.string(args, 1);
      try {
        return BooleanValue.of(GlobIntersection.nonEmpty(glob1, glob2));
      } catch (GoRegex.InvalidPattern e) {
        throw BuiltinException.error(e.getMessage());
      }
    });
  }

  private static GoRegex.Compiled compile(String pattern) {
    try {
      return GoRegex.compile(pattern);
    } catch (GoRegex.InvalidPattern e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  /** An operand OPA reads as a Go int: any integer in int64 range. */
  static long goInt(Value[] args, int i) {
    NumberValue n = Args.number(args, i);
    if (!n.isLong()) {
      throw BuiltinException.type("operand " + (i + 1) + " must be integer number but got floating-point number");
    }
    return n.longValue();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static ArrayValue strings(List<String> items) {
    Value[] out = new Value[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = StringValue.of(items.get(i));
    }
    return ArrayValue.wrap(out);
  }
}
