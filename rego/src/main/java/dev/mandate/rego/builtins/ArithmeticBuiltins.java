package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** {@code abs}, {@code round}, {@code ceil}, {@code floor} and the {@code numbers.range} family. */
public final class ArithmeticBuiltins {
  /** How many elements a range builds between two checks for deadlines. */
  private static final int CANCEL_CHECK_INTERVAL = 4096;

  private ArithmeticBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("abs", 1, (ctx, a) -> Args.number(a, 0).abs());
    // Ties round away from zero, as Go's math.Round does: round(-1.5) is -2.
    r.function("round", 1, (ctx, a) -> toWhole(Args.number(a, 0), RoundingMode.HALF_UP));
    r.function("ceil", 1, (ctx, a) -> toWhole(Args.number(a, 0), RoundingMode.CEILING));
    r.function("floor", 1, (ctx, a) -> toWhole(Args.number(a, 0), RoundingMode.FLOOR));
    r.function("numbers.range", 2,
        (ctx, a) -> range(ctx, rangeBound(a, 0), rangeBound(a, 1), BigInteger.ONE));
    r.function("numbers.range_step", 3, (ctx, a) -> {
      BigInteger from = rangeBound(a, 0);
      BigInteger to = rangeBound(a, 1);
      BigInteger step = rangeBound(a, 2);
      if (step.signum() <= 0) {
        // OPA raises this one as a plain error that already names the built-in, and its
        // evaluator prefixes the name once more; keeping the name here reproduces its text.
        throw BuiltinException.error("numbers.range_step: step must be a positive integer");
      }
      return range(ctx, from, to, step);
    });
  }

  private static NumberValue toWhole(NumberValue n, RoundingMode mode) {
    if (n.isInteger()) {
      return n;
    }
    return NumberValue.of(n.toBigDecimal().setScale(0, mode));
  }

  /** Integers from operand 1 to operand 2 inclusive, counting down when the first is larger. */
  private static Value range(BuiltinContext ctx, BigInteger from, BigInteger to, BigInteger step) {
    boolean descending = from.compareTo(to) > 0;
    List<Value> out = new ArrayList<>();
    BigInteger i = from;
    while (descending ? i.compareTo(to) >= 0 : i.compareTo(to) <= 0) {
      if (out.size() % CANCEL_CHECK_INTERVAL == 0) {
        ctx.checkCancelled();
      }
      out.add(NumberValue.of(i));
      i = descending ? i.subtract(step) : i.add(step);
    }
    return ArrayValue.of(out);
  }

  /** A range operand: any whole number, however large. */
  private static BigInteger rangeBound(Value[] a, int index) {
    if (!(a[index] instanceof NumberValue n)) {
      throw Operands.typeError(index, a[index], "integer");
    }
    if (!n.isInteger()) {
      throw Operands.notInteger(index);
    }
    return n.toBigInteger();
  }
}
