package dev.mandate.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Go's {@code big.Float} at its default precision of 64 mantissa bits, which OPA uses to read
 * numbers in several built-ins ({@code builtins.NumberToFloat}). Rounding a decimal to 64 bits
 * is observable: {@code 2^70 + 1} reads as {@code 2^70}, and a decimal just below an integer may
 * read as that integer. Values here are exact {@link BigDecimal}s holding the rounded binary value.
 */
final class BigFloat64 {
  static final int PRECISION = 64;

  private BigFloat64() {}

  /** {@code x} rounded to {@code PRECISION} significant bits, ties to even. */
  static BigDecimal round(BigDecimal x) {
    if (x.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal a = x.abs();
    // a = num / den exactly.
    BigInteger num;
    BigInteger den;
    if (a.scale() <= 0) {
      num = a.unscaledValue().multiply(BigInteger.TEN.pow(-a.scale()));
      den = BigInteger.ONE;
    } else {
      num = a.unscaledValue();
      den = BigInteger.TEN.pow(a.scale());
    }
    // e with 2^e <= a < 2^(e+1).
    int e = num.bitLength() - den.bitLength();
    if (compareScaled(num, den, e) < 0) {
      e--;
    }
    int shift = PRECISION - 1 - e; // m = a * 2^shift, in [2^63, 2^64)
    BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
    BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
    BigInteger[] qr = n.divideAndRemainder(d);
    BigInteger m = qr[0];
    int half = qr[1].shiftLeft(1).compareTo(d);
    if (half > 0 || (half == 0 && m.testBit(0))) {
      m = m.add(BigInteger.ONE);
    }
    BigDecimal result = scaleByPowerOfTwo(m, -shift);
    return x.signum() < 0 ? result.negate() : result;
  }

  /** The value as Go's {@code big.Float.Int} sees it: an integer when exactly one, else null. */
  static BigInteger exactInteger(BigDecimal x) {
    BigDecimal r = round(x);
    if (r.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigDecimal stripped = r.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : null;
  }

  /** m * 2^k, exactly. */
  static BigDecimal scaleByPowerOfTwo(BigInteger m, int k) {
    if (k >= 0) {
      return new BigDecimal(m.shiftLeft(k));
    }
    // m / 2^j == m * 5^j / 10^j
    int j = -k;
    return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(j)), j);
  }

  /** Compares num/den with 2^e. */
  private static int compareScaled(BigInteger num, BigInteger den, int e) {
    return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
  }
}
