package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BigFloat64Test {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private static BigDecimal dec(BigInteger v) {
    return new BigDecimal(v);
  }

  @Test
  void keepsValuesWithSixtyFourSignificantBits() {
    BigInteger max = TWO_64.subtract(BigInteger.ONE);
    assertEquals(0, BigFloat64.round(dec(max)).compareTo(dec(max)));
    assertEquals(0, BigFloat64.round(new BigDecimal("0.5")).compareTo(new BigDecimal("0.5")));
    assertEquals(0, BigFloat64.round(new BigDecimal("-1234.75")).compareTo(new BigDecimal("-1234.75")));
  }

  @Test
  void roundsToNearestWithTiesToEven() {
    // 2^64 + 1 lies halfway between 2^64 and 2^64 + 2; the even mantissa wins.
    assertEquals(0, BigFloat64.round(dec(TWO_64.add(BigInteger.ONE))).compareTo(dec(TWO_64)));
    assertEquals(0, BigFloat64.round(dec(TWO_64.add(BigInteger.valueOf(3)))).compareTo(dec(TWO_64.add(BigInteger.valueOf(4)))));
    assertEquals(0, BigFloat64.round(dec(TWO_64.negate().subtract(BigInteger.valueOf(3))))
        .compareTo(dec(TWO_64.negate().subtract(BigInteger.valueOf(4)))));
  }

  @Test
  void roundsDecimalFractions() {
    // 0.1 * 2^67 = 14757395258967641292.8, so 0.1 reads as 14757395258967641293 / 2^67.
    BigDecimal expected = BigFloat64.scaleByPowerOfTwo(new BigInteger("14757395258967641293"), -67);
    assertEquals(0, BigFloat64.round(new BigDecimal("0.1")).compareTo(expected));
  }

  @Test
  void exactIntegers() {
    assertEquals(BigInteger.valueOf(3), BigFloat64.exactInteger(new BigDecimal("3.0")));
    assertNull(BigFloat64.exactInteger(new BigDecimal("2.5")));
    assertEquals(BigInteger.ZERO, BigFloat64.exactInteger(BigDecimal.ZERO));
    // 2^62 + 0.8 is not representable; its nearest 64-bit value is the integer 2^62 + 1.
    BigDecimal nearInteger = dec(BigInteger.ONE.shiftLeft(62)).add(new BigDecimal("0.8"));
    assertEquals(BigInteger.ONE.shiftLeft(62).add(BigInteger.ONE), BigFloat64.exactInteger(nearInteger));
    // 1e30 at 64 bits (float64 would give 1000000000000000019884624838656).
    assertEquals(new BigInteger("1000000000000000000024696061952"), BigFloat64.exactInteger(new BigDecimal("1e30")));
  }
}
