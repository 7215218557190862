package dev.mandate.rego.builtins;

import java.math.BigInteger;
import java.util.function.BinaryOperator;

/**
 * OPA's {@code bits.*} built-ins on integers of any size, with two's-complement semantics for
 * negative numbers (as Go's {@code big.Int}); right shifts round toward negative infinity.
 * Operands are read as OPA reads them: a number that is an integer at 64-bit float precision.
 */
public final class BitsBuiltins {
  private BitsBuiltins() {}

  /**
   * The largest shift accepted. OPA has no limit and would try to allocate whatever a shift
   * asks for; a bound keeps one call from exhausting memory.
   */
  static final long MAX_SHIFT = 1L << 24;

  public static void register(BuiltinRegistry r) {
    binary(r, "bits.or", BigInteger::or);
    binary(r, "bits.and", BigInteger::and);
    binary(r, "bits.xor", BigInteger::xor);
    r.function("bits.negate", 1, (ctx, args) -> IntOperands.number(IntOperands.bigInt(args, 0).not()));
    r.function("bits.lsh", 2, (ctx, args) -> {
      BigInteger a = IntOperands.bigInt(args, 0);
      long shift = shift(IntOperands.bigInt(args, 1));
      if (a.signum() == 0) {
        return IntOperands.number(a);
      }
      if (shift > MAX_SHIFT) {
        throw BuiltinException.error("shift amount too large");
      }
      return IntOperands.number(a.shiftLeft((int) shift));
    });
    r.function("bits.rsh", 2, (ctx, args) -> {
      BigInteger a = IntOperands.bigInt(args, 0);
      long shift = shift(IntOperands.bigInt(args, 1));
      if (shift > Integer.MAX_VALUE) {
        return IntOperands.number(a.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO);
      }
      return IntOperands.number(a.shiftRight((int) shift));
    });
  }

  private static void binary(BuiltinRegistry r, String name, BinaryOperator<BigInteger> op) {
    r.function(name, 2, (ctx, args) ->
        IntOperands.number(op.apply(IntOperands.bigInt(args, 0), IntOperands.bigInt(args, 1))));
  }

  /**
   * A shift count: non-negative. Go shifts by the count's low 64 bits read as unsigned, so
   * 2^64 shifts by nothing; counts of 2^63 and more are returned as Long.MAX_VALUE.
   */
  private static long shift(BigInteger b) {
    if (b.signum() < 0) {
      throw BuiltinException.type("operand 2 must be an unsigned integer number but got a negative integer");
    }
    long low = b.longValue();
    return low < 0 ? Long.MAX_VALUE : low;
  }
}
