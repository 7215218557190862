package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sprintf(format, values)}: Go's {@code fmt.Sprintf} applied to Rego values the way OPA
 * hands them over. A number becomes a Go {@code int} when it is an integer in int64 range, a
 * {@code *big.Int} when it is a larger integer, and a {@code float64} otherwise; a string is
 * passed as itself; every other value (booleans, null, composites) is passed as its Rego text,
 * so {@code %v} of {@code ["a", 1]} prints {@code ["a", 1]} and {@code %d} of {@code true}
 * prints {@code %!d(string=true)}.
 *
 * <p>OPA keeps a number's source text, Mandate keeps its exact value; the two differ only for
 * numbers spelled unusually: {@code 1.0} is an integer here ({@code %d} prints {@code 1}, where
 * OPA, seeing a float, prints {@code %!d(float64=1)}), and {@code 1e6} prints {@code 1000000}
 * rather than Go's {@code 1e+06}. A number too large for float64 that is not a plain integer
 * (OPA passes its source text as a string) is written in the natural scientific form, so
 * {@code 2e308} prints {@code 2e308}.
 */
public final class SprintfBuiltins {
  private SprintfBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("sprintf", 2, (ctx, args) -> {
      String format = Args.string(args, 0);
      ArrayValue values = Args.array(args, 1);
      List<GoArg> goArgs = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        goArgs.add(toGoArg(values.get(i)));
      }
      return StringValue.of(GoSprintf.sprintf(format, goArgs));
    });
  }

  /** The Go value OPA would pass to {@code fmt.Sprintf} for {@code v}. */
  static GoArg toGoArg(Value v) {
    return switch (v) {
      case StringValue s -> new GoArg.Str(s.value());
      case NumberValue n -> numberArg(n);
      default -> new GoArg.Str(Values.toRego(v));
    };
  }

  private static GoArg numberArg(NumberValue n) {
    if (n.isLong()) {
      return new GoArg.Int(n.longValue());
    }
    BigDecimal exact = n.toBigDecimal();
    double d = exact.doubleValue();
    if (Double.isInfinite(d)) {
      // Beyond float64: OPA formats a plain integer as a big.Int and anything else as its text.
      if (n.isInteger() && exact.stripTrailingZeros().scale() == 0) {
        return new GoArg.BigInt(n.toBigInteger());
      }
      return new GoArg.Str(scientific(exact));
    }
    if (n.isInteger()) {
      return new GoArg.BigInt(n.toBigInteger());
    }
    return new GoArg.Float(d);
  }

  /**
   * The text OPA would hold for a number (it keeps the source text; Mandate keeps the value):
   * plain digits for integers, shortest decimal for others, scientific form beyond float64.
   */
  static String opaNumberText(NumberValue n) {
    if (n.isLong()) {
      return Long.toString(n.longValue());
    }
    BigDecimal exact = n.toBigDecimal();
    if (Double.isInfinite(exact.doubleValue())) {
      return scientific(exact);
    }
    if (n.isInteger()) {
      return n.toBigInteger().toString();
    }
    return n.toString();
  }

  /** {@code 2e308}, {@code -1.5e400}: the usual way to write a number this size. */
  private static String scientific(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    String digits = s.unscaledValue().abs().toString();
    int exponent = digits.length() - s.scale() - 1;
    StringBuilder sb = new StringBuilder();
    if (s.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    return sb.append('e').append(exponent).toString();
  }
}
