package dev.mandate.rego.builtins;

import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Operand readers that reproduce how OPA's Go helpers ({@code builtins.IntOperand},
 * {@code builtins.BigIntOperand}) accept and refuse numbers, including their exact messages.
 */
final class IntOperands {
  private IntOperands() {}

  /** Go's {@code IntOperand}: an integer in int64 range. */
  static long int64(Value[] args, int i) {
    NumberValue n = Args.number(args, i);
    if (!n.isLong()) {
      throw floatingPoint(i);
    }
    return n.longValue();
  }

  /**
   * Go's {@code BigIntOperand}: any number that is an integer once read as a 64-bit-mantissa
   * float; a non-number is reported as "must be integer".
   */
  static BigInteger bigInt(Value[] args, int i) {
    if (!(args[i] instanceof NumberValue n)) {
      throw Args.mismatch(i, "integer", args[i]);
    }
    BigInteger v = n.isLong() ? BigInteger.valueOf(n.longValue()) : BigFloat64.exactInteger(n.toBigDecimal());
    if (v == null) {
      throw floatingPoint(i);
    }
    return v;
  }

  /**
   * An integer result. Goes through {@link BigDecimal} so that big values get the same
   * normalised form as numbers parsed from text ({@code NumberValue.of(BigInteger)} keeps a
   * non-normalised scale, which makes equal numbers unequal).
   */
  static NumberValue number(BigInteger v) {
    return NumberValue.of(new BigDecimal(v));
  }

  static BuiltinException floatingPoint(int i) {
    return BuiltinException.type("operand " + (i + 1) + " must be integer number but got floating-point number");
  }
}
