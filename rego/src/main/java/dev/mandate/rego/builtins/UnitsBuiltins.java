package dev.mandate.rego.builtins;

import dev.mandate.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * OPA's {@code units.parse} (SI and binary suffixes, "m" is milli and "M" mega, exact result) and
 * {@code units.parse_bytes} (case-insensitive byte units, "kb" = 1000 and "kib" = 1024, result
 * truncated to whole bytes after Go's 64-bit-mantissa float arithmetic).
 *
 * <p>OPA's messages for these two built-ins already start with the built-in's name, and the
 * evaluator adds it once more; the messages here keep OPA's text so the output matches.
 */
public final class UnitsBuiltins {
  private UnitsBuiltins() {}

  /** The exponent of scientific notation may have at most this many digits. */
  private static final int MAX_EXPONENT_DIGITS = 6;

  private static final BigInteger KI = BigInteger.ONE.shiftLeft(10);

  private static final Map<String, BigDecimal> SI_UNITS = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", pow10(3)), Map.entry("K", pow10(3)),
      Map.entry("ki", pow2(1)), Map.entry("Ki", pow2(1)),
      Map.entry("M", pow10(6)),
      Map.entry("mi", pow2(2)), Map.entry("Mi", pow2(2)),
      Map.entry("g", pow10(9)), Map.entry("G", pow10(9)),
      Map.entry("gi", pow2(3)), Map.entry("Gi", pow2(3)),
      Map.entry("t", pow10(12)), Map.entry("T", pow10(12)),
      Map.entry("ti", pow2(4)), Map.entry("Ti", pow2(4)),
      Map.entry("p", pow10(15)), Map.entry("P", pow10(15)),
      Map.entry("pi", pow2(5)), Map.entry("Pi", pow2(5)),
      Map.entry("e", pow10(18)), Map.entry("E", pow10(18)),
      Map.entry("ei", pow2(6)), Map.entry("Ei", pow2(6)));

  private static final Map<String, BigDecimal> BYTE_UNITS = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("kb", pow10(3)), Map.entry("k", pow10(3)),
      Map.entry("kib", pow2(1)), Map.entry("ki", pow2(1)),
      Map.entry("mb", pow10(6)), Map.entry("m", pow10(6)),
      Map.entry("mib", pow2(2)), Map.entry("mi", pow2(2)),
      Map.entry("gb", pow10(9)), Map.entry("g", pow10(9)),
      Map.entry("gib", pow2(3)), Map.entry("gi", pow2(3)),
      Map.entry("tb", pow10(12)), Map.entry("t", pow10(12)),
      Map.entry("tib", pow2(4)), Map.entry("ti", pow2(4)),
      Map.entry("pb", pow10(15)), Map.entry("p", pow10(15)),
      Map.entry("pib", pow2(5)), Map.entry("pi", pow2(5)),
      Map.entry("eb", pow10(18)), Map.entry("e", pow10(18)),
      Map.entry("eib", pow2(6)), Map.entry("ei", pow2(6)));

  public static void register(BuiltinRegistry r) {
    r.function("units.parse", 1, (ctx, args) -> parse(Args.string(args, 0)));
    r.function("units.parse_bytes", 1, (ctx, args) -> parseBytes(Args.string(args, 0)));
  }

  private static NumberValue parse(String raw) {
    String name = "units.parse";
    // Quotes are dropped, as parse_bytes does.
    String s = raw.replace("\"", "");
    if (s.contains(" ")) {
      throw error(name, "spaces not allowed in resource strings");
    }
    String[] numUnit = split(s, name);
    String num = numUnit[0];
    String unit = numUnit[1];
    if (num.isEmpty()) {
      throw error(name, "no amount provided");
    }
    // Only the letters after the first are case-insensitive, so that "m" and "M" differ.
    if (unit.length() > 1) {
      int first = unit.offsetByCodePoints(0, 1);
      unit = unit.substring(0, first) + unit.substring(first).toLowerCase(Locale.ROOT);
    }
    BigDecimal factor = SI_UNITS.get(unit);
    if (factor == null) {
      throw error(name, "unit " + unit + " not recognized");
    }
    BigDecimal amount = decimal(num);
    if (amount == null) {
      throw error(name, "could not parse amount to a number");
    }
    BigDecimal value = amount.multiply(factor);
    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
      return NumberValue.of(value);
    }
    // A non-integer result is written with ten decimals, halves rounded away from zero.
    return NumberValue.of(value.setScale(10, RoundingMode.HALF_UP));
  }

  private static NumberValue parseBytes(String raw) {
    String name = "units.parse_bytes";
    String s = raw.toLowerCase(Locale.ROOT).replace("\"", "");
    if (s.contains(" ")) {
      throw error(name, "spaces not allowed in resource strings");
    }
    String[] numUnit = split(s, name);
    String num = numUnit[0];
    String unit = numUnit[1];
    if (num.isEmpty()) {
      throw error(name, "no byte amount provided");
    }
    BigDecimal factor = BYTE_UNITS.get(unit);
    if (factor == null) {
      throw error(name, "byte unit " + unit + " not recognized");
    }
    BigDecimal amount = decimal(num);
    if (amount == null) {
      throw error(name, "could not parse byte amount to a number");
    }
    // OPA reads the amount into a 64-bit-mantissa float, multiplies at that precision, and
    // truncates toward zero.
    BigDecimal product = BigFloat64.round(BigFloat64.round(amount).multiply(factor));
    return IntOperands.number(product.toBigInteger());
  }

  /**
   * Splits "10.5Mi" into number and unit. The number runs over digits, dots, signs and an
   * exponent ("e" followed by a digit or sign); an "e" that is not an exponent starts the unit.
   */
  private static String[] split(String s, String name) {
    int boundary = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric = (c >= '0' && c <= '9') || c == '.';
      if (!numeric && c != 'e' && c != 'E' && c != '+' && c != '-') {
        boundary = i;
        break;
      }
      if (c == 'e' || c == 'E') {
        if (i == s.length() - 1 || !isDigitOrSign(s.charAt(i + 1))) {
          boundary = i;
          break;
        }
        if (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-') {
          i++;
        }
        int end = i + 1;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
          end++;
        }
        if (end - (i + 1) > MAX_EXPONENT_DIGITS) {
          throw error(name, "exponent too large");
        }
      }
    }
    if (boundary == -1) {
      return new String[] {s, ""};
    }
    return new String[] {s.substring(0, boundary), s.substring(boundary)};
  }

  private static boolean isDigitOrSign(char c) {
    return (c >= '0' && c <= '9') || c == '+' || c == '-';
  }

  /** A decimal with optional sign, fraction and exponent, or null. */
  private static BigDecimal decimal(String num) {
    // BigDecimal accepts the same shapes Go's big.Rat/big.Float do for these characters, but
    // needs at least one digit in the mantissa.
    int digits = 0;
    for (int i = 0; i < num.length() && num.charAt(i) != 'e' && num.charAt(i) != 'E'; i++) {
      if (num.charAt(i) >= '0' && num.charAt(i) <= '9') {
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    try {
      return new BigDecimal(num);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static BuiltinException error(String name, String message) {
    return BuiltinException.error(name + ": " + message);
  }

  private static BigDecimal pow10(int n) {
    return BigDecimal.TEN.pow(n);
  }

  /** 1024^n. */
  private static BigDecimal pow2(int n) {
    return new BigDecimal(KI.pow(n));
  }
}
