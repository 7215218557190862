package dev.mandate.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Reads number text the way Go's {@code strconv.ParseFloat} accepts it, which is what
 * {@code to_number} uses: an optional sign, decimal digits with an optional point and
 * {@code e} exponent, or a hexadecimal mantissa ({@code 0x1.8p1}) whose {@code p} exponent is
 * mandatory, with underscores allowed between digits. Values beyond float64 range are refused
 * as Go refuses them. Unlike Go, the value is kept exact rather than rounded to float64.
 */
final class GoFloatSyntax {
  private GoFloatSyntax() {}

  /** Why text was refused, worded as Go's {@code strconv} errors. */
  static final class ParseError extends Exception {
    ParseError(String text, String reason) {
      super("strconv.ParseFloat: parsing " + goQuote(text) + ": " + reason, null, false, false);
    }
  }

  static BigDecimal parse(String text) throws ParseError {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    boolean hex = i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x';
    if (hex) {
      i += 2;
    }
    boolean sawDigits = false;
    boolean sawDot = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c == '_') {
        continue;
      } else if (c == '.' && !sawDot) {
        sawDot = true;
      } else if (isDigit(c, hex)) {
        sawDigits = true;
      } else {
        break;
      }
    }
    if (!sawDigits) {
      throw new ParseError(text, "invalid syntax");
    }
    char expChar = hex ? 'p' : 'e';
    if (i < n && (text.charAt(i) | 0x20) == expChar) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      if (i >= n || !isDigit(text.charAt(i), false)) {
        throw new ParseError(text, "invalid syntax");
      }
      while (i < n && (isDigit(text.charAt(i), false) || text.charAt(i) == '_')) {
        i++;
      }
    } else if (hex) {
      throw new ParseError(text, "invalid syntax");
    }
    if (i != n || (text.indexOf('_') >= 0 && !underscoresSeparateDigits(text))) {
      throw new ParseError(text, "invalid syntax");
    }
    String clean = text.replace("_", "");
    // Go rounds to float64 and refuses what rounds to infinity; a double parse rounds the same way.
    double approx = Double.parseDouble(hex ? clean : clean.replace("E", "e"));
    if (Double.isInfinite(approx)) {
      throw new ParseError(text, "value out of range");
    }
    try {
      return hex ? exactHex(clean) : new BigDecimal(clean);
    } catch (NumberFormatException | ArithmeticException tooFarOut) {
      // An exponent beyond what BigDecimal can hold. A zero mantissa is still just zero;
      // anything else is too far out to keep exactly.
      if (approx == 0 && clean.replaceFirst("(?i)[ep].*$", "").matches("[+-]?(0[xX])?[0.]*")) {
        return BigDecimal.ZERO;
      }
      throw new ParseError(text, "value out of range");
    }
  }

  private static boolean isDigit(char c, boolean hex) {
    return (c >= '0' && c <= '9') || (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'));
  }

  /** Go's rule: each underscore sits between digits (a base prefix counts as a digit). */
  private static boolean underscoresSeparateDigits(String s) {
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      s = s.substring(1);
    }
    char saw = '^';
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(s.charAt(1) | 0x20) >= 0) {
      i = 2;
      saw = '0';
      hex = (s.charAt(1) | 0x20) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c, hex)) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }

  /** The exact value of a hexadecimal float: mantissa digits times 2 to the exponent. */
  private static BigDecimal exactHex(String s) {
    boolean negative = s.startsWith("-");
    String body = s.substring(s.charAt(0) == '+' || negative ? 3 : 2);
    int p = body.toLowerCase(Locale.ROOT).indexOf('p');
    String mantissa = body.substring(0, p);
    int exponent = Integer.parseInt(body.substring(p + 1));
    int dot = mantissa.indexOf('.');
    if (dot >= 0) {
      exponent -= 4 * (mantissa.length() - dot - 1);
      mantissa = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    }
    BigDecimal value = new BigDecimal(new BigInteger(mantissa, 16));
    if (exponent >= 0) {
      value = value.multiply(new BigDecimal(BigInteger.TWO.pow(exponent)));
    } else {
      // Dividing by a power of two always terminates, so this is exact.
      value = value.divide(new BigDecimal(BigInteger.TWO.pow(-exponent)));
    }
    return negative ? value.negate() : value;
  }

  /** Go's {@code strconv.Quote} for the texts seen here. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    return sb.append('"').toString();
  }
}
