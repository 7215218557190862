package dev.mandate.rego.parser;

import dev.mandate.rego.value.NumberValue;
import java.math.BigDecimal;

/** Turns the text of a Rego number literal into a {@link NumberValue}, with OPA's limits. */
final class NumberLiterals {
  /**
   * OPA rejects numbers whose binary exponent exceeds 1e5 ("number too big"); 30103 decimal
   * digits is the same magnitude (1e5 * log10(2)).
   */
  private static final int MAX_DECIMAL_EXPONENT = 30103;

  private NumberLiterals() {}

  /** Thrown for literals that are not numbers, or too big. */
  static final class TooBig extends Exception {
    TooBig() {
      super(null, null, false, false);
    }
  }

  /**
   * Parses {@code text}, which may start with {@code -} and/or {@code .} (OPA accepts
   * {@code .5} and {@code -.5}). Throws NumberFormatException when it is not a number.
   */
  static NumberValue parse(String text) throws TooBig {
    String t = text;
    if (t.startsWith(".")) {
      t = "0" + t;
    } else if (t.startsWith("-.")) {
      t = "-0" + t.substring(1);
    }
    int e = Math.max(t.indexOf('e'), t.indexOf('E'));
    if (e < 0) {
      if (t.length() > MAX_DECIMAL_EXPONENT + 2 && t.indexOf('.') < 0) {
        throw new TooBig();
      }
      return NumberValue.parse(t);
    }
    // Bound the exponent before BigDecimal sees it: huge exponents would otherwise overflow or
    // make later arithmetic on the value explode.
    String exp = t.substring(e + 1);
    int digitsStart = exp.startsWith("+") || exp.startsWith("-") ? 1 : 0;
    int nonZero = digitsStart;
    while (nonZero < exp.length() - 1 && exp.charAt(nonZero) == '0') {
      nonZero++;
    }
    if (exp.length() - nonZero > 9) {
      if (isZeroMantissa(t.substring(0, e))) {
        return NumberValue.ZERO;
      }
      throw new TooBig();
    }
    BigDecimal d = new BigDecimal(t);
    if (d.signum() != 0) {
      long adjusted = (long) d.precision() - d.scale() - 1;
      if (Math.abs(adjusted) > MAX_DECIMAL_EXPONENT) {
        throw new TooBig();
      }
    }
    return NumberValue.of(d);
  }

  private static boolean isZeroMantissa(String m) {
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }
}
