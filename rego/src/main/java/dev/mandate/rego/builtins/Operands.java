package dev.mandate.rego.builtins;

import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.Value;

/**
 * Operand checks and error texts shared by the language-core built-ins, worded exactly as OPA
 * words them. Complements {@link Args} with the shapes {@code Args} does not cover: "one of"
 * lists in OPA's per-built-in order, element errors of composite operands, and OPA's notion of
 * an integer operand (a whole number that fits in 64 bits).
 */
final class Operands {
  private Operands() {}

  /**
   * {@code operand N must be T but got X}, or {@code operand N must be one of {T1, T2} but got X}
   * when several types are accepted. {@code index} counts from 0.
   */
  static BuiltinException typeError(int index, Value got, String... want) {
    String expected = want.length == 1 ? want[0] : "one of {" + String.join(", ", want) + "}";
    return BuiltinException.type(
        "operand " + (index + 1) + " must be " + expected + " but got " + got.typeName());
  }

  /** {@code operand N must be array of strings but got array containing number}. */
  static BuiltinException elementError(int index, Value composite, Value element, String want) {
    String kind = composite.typeName();
    return BuiltinException.type("operand " + (index + 1) + " must be " + kind + " of " + want
        + "s but got " + kind + " containing " + element.typeName());
  }

  /**
   * A whole number operand that fits in 64 bits. OPA reads such operands as Go ints, so a
   * fraction and a value beyond 64 bits are both refused as "floating-point number".
   */
  static long longOperand(Value[] args, int index) {
    if (!(args[index] instanceof NumberValue n)) {
      throw typeError(index, args[index], "number");
    }
    if (!n.isLong()) {
      throw notInteger(index);
    }
    return n.longValue();
  }

  static BuiltinException notInteger(int index) {
    return BuiltinException.type(
        "operand " + (index + 1) + " must be integer number but got floating-point number");
  }

  /** Clamps a long to the int range, for indexes that are bounded by a Java length anyway. */
  static int clampToInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
