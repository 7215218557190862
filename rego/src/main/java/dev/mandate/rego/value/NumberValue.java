package dev.mandate.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An exact number. Integers that fit in a {@code long} take a fast path that never allocates a
 * {@link BigDecimal}; everything else (huge integers, decimals) is a normalised {@link BigDecimal},
 * so that equal numbers are equal Java objects with equal hash codes ({@code 1 == 1.0}).
 */
public final class NumberValue implements Value {
  /**
   * Precision used where a result cannot be exact (division, square roots). OPA computes these
   * with Go's {@code big.Float}; 34 significant digits keeps every result that is exact in
   * float64 exact here too.
   */
  public static final MathContext DIVISION_CONTEXT = new MathContext(34, RoundingMode.HALF_EVEN);

  private static final NumberValue[] SMALL = new NumberValue[256 + 128];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new NumberValue(i - 128, null);
    }
  }

  public static final NumberValue ZERO = of(0);
  public static final NumberValue ONE = of(1);

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final long small;
  private final BigDecimal big; // null when the value is the integer `small`

  private NumberValue(long small, BigDecimal big) {
    this.small = small;
    this.big = big;
  }

  public static NumberValue of(long v) {
    if (v >= -128 && v < 256) {
      return SMALL[(int) v + 128];
    }
    return new NumberValue(v, null);
  }

  public static NumberValue of(BigInteger v) {
    if (v.bitLength() < 64) {
      return of(v.longValue());
    }
    return of(new BigDecimal(v)); // normalised, so it equals the same number parsed from text
  }

  public static NumberValue of(BigDecimal v) {
    if (v.signum() == 0) {
      return ZERO;
    }
    // Cheap check first: an integral value within long range becomes the fast path.
    if (v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0) {
      if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
        return of(v.longValueExact());
      }
    }
    return new NumberValue(0, v.stripTrailingZeros());
  }

  public static NumberValue of(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ArithmeticException("number is not finite: " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return of((long) d);
    }
    return of(new BigDecimal(Double.toString(d)));
  }

  /**
   * Parses a JSON or Rego number literal. Throws {@link NumberFormatException} on anything else.
   */
  public static NumberValue parse(String text) {
    int n = text.length();
    if (n > 0 && n < 19) {
      boolean digits = true;
      int start = text.charAt(0) == '-' ? 1 : 0;
      if (start == n) {
        throw new NumberFormatException("not a number: " + text);
      }
      for (int i = start; i < n; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          digits = false;
          break;
        }
      }
      if (digits) {
        return of(Long.parseLong(text));
      }
    }
    return of(new BigDecimal(text));
  }

  /** True when the value is a whole number (of any size). */
  public boolean isInteger() {
    return big == null || big.scale() <= 0;
  }

  /** True when the value is a whole number that fits in a {@code long}. */
  public boolean isLong() {
    return big == null;
  }

  /** The value as a long; only meaningful when {@link #isLong()}. */
  public long longValue() {
    return big == null ? small : big.longValue();
  }

  /** The value as an int, or empty when it is not an integer in int range. */
  public java.util.OptionalInt intValueExact() {
    if (big == null && small >= Integer.MIN_VALUE && small <= Integer.MAX_VALUE) {
      return java.util.OptionalInt.of((int) small);
    }
    return java.util.OptionalInt.empty();
  }

  public BigDecimal toBigDecimal() {
    return big == null ? BigDecimal.valueOf(small) : big;
  }

  /** Only meaningful when {@link #isInteger()}. */
  public BigInteger toBigInteger() {
    return big == null ? BigInteger.valueOf(small) : big.toBigInteger();
  }

  public double doubleValue() {
    return big == null ? (double) small : big.doubleValue();
  }

  public int signum() {
    return big == null ? Long.signum(small) : big.signum();
  }

  public NumberValue add(NumberValue o) {
    if (big == null && o.big == null) {
      long r = small + o.small;
      if (((small ^ r) & (o.small ^ r)) >= 0) {
        return of(r);
      }
    }
    return of(toBigDecimal().add(o.toBigDecimal()));
  }

  public NumberValue subtract(NumberValue o) {
    if (big == null && o.big == null) {
      long r = small - o.small;
      if (((small ^ o.small) & (small ^ r)) >= 0) {
        return of(r);
      }
    }
    return of(toBigDecimal().subtract(o.toBigDecimal()));
  }

  public NumberValue multiply(NumberValue o) {
    if (big == null && o.big == null) {
      long hi = Math.multiplyHigh(small, o.small);
      long lo = small * o.small;
      if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
        return of(lo);
      }
    }
    return of(toBigDecimal().multiply(o.toBigDecimal()));
  }

  /** Division; the caller must reject a zero divisor. */
  public NumberValue divide(NumberValue o) {
    if (big == null && o.big == null && o.small != 0 && small % o.small == 0) {
      return of(small / o.small);
    }
    BigDecimal a = toBigDecimal();
    BigDecimal b = o.toBigDecimal();
    try {
      return of(a.divide(b));
    } catch (ArithmeticException nonTerminating) {
      return of(a.divide(b, DIVISION_CONTEXT));
    }
  }

  public NumberValue negate() {
    if (big == null && small != Long.MIN_VALUE) {
      return of(-small);
    }
    return of(toBigDecimal().negate());
  }

  public NumberValue abs() {
    return signum() < 0 ? negate() : this;
  }

  public int compareNumber(NumberValue o) {
    if (big == null && o.big == null) {
      return Long.compare(small, o.small);
    }
    return toBigDecimal().compareTo(o.toBigDecimal());
  }

  @Override public String typeName() { return "number"; }
  @Override public int kindOrder() { return 2; }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NumberValue n)) {
      return false;
    }
    if (big == null || n.big == null) {
      return big == null && n.big == null && small == n.small;
    }
    return big.equals(n.big);
  }

  @Override
  public int hashCode() {
    return big == null ? Long.hashCode(small) : big.hashCode();
  }

  /** The JSON text of this number: plain digits for integers, shortest decimal otherwise. */
  @Override
  public String toString() {
    if (big == null) {
      return Long.toString(small);
    }
    if (big.scale() <= 0) {
      return big.toPlainString(); // integers print every digit, as OPA does
    }
    int exponent = big.precision() - big.scale() - 1;
    if (exponent < -6 || exponent > 20) {
      // Very large or very small magnitudes print in exponent form, as Go's 'g' format does.
      String s = big.toString().replace("E+", "e+").replace("E-", "e-");
      return s;
    }
    return big.toPlainString();
  }
}
