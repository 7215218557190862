package dev.mandate.rego.builtins;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat(v, fmt, prec, 64)} for the formats {@code e E f g G b x X}.
 * {@code prec < 0} asks for the shortest digits that read back as the same float64; Java's
 * {@link Double#toString} gives exactly those digits (JDK 19 and later), so the shortest form is
 * derived from it. Fixed precisions round the exact binary value half-to-even, as Go does.
 */
final class GoFloatFormat {
  private GoFloatFormat() {}

  /** Decimal digits {@code 0.d1d2...dn × 10^dp}, without trailing zeros; zero has no digits. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }

    static Digits of(BigDecimal v) {
      if (v.signum() == 0) {
        return new Digits("", 0);
      }
      BigDecimal s = v.stripTrailingZeros();
      String digits = s.unscaledValue().abs().toString();
      return new Digits(digits, digits.length() - s.scale());
    }
  }

  static String format(double v, char fmt, int prec) {
    boolean neg = (Double.doubleToRawLongBits(v) < 0);
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return neg ? "-Inf" : "+Inf";
    }
    return switch (fmt) {
      case 'b' -> formatBinary(v, neg);
      case 'x', 'X' -> formatHex(v, neg, fmt, prec);
      default -> formatDecimal(Math.abs(v), neg, fmt, prec);
    };
  }

  private static String formatDecimal(double abs, boolean neg, char fmt, int prec) {
    boolean shortest = prec < 0;
    Digits digs;
    if (shortest) {
      digs = Digits.of(new BigDecimal(Double.toString(abs)));
      prec = switch (fmt) {
        case 'e', 'E' -> Math.max(digs.nd() - 1, 0);
        case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
        default -> digs.nd();
      };
    } else {
      BigDecimal exact = new BigDecimal(abs);
      switch (fmt) {
        case 'e', 'E' -> digs = Digits.of(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
        case 'f' -> digs = Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
        default -> {
          if (prec == 0) {
            prec = 1;
          }
          digs = Digits.of(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    switch (fmt) {
      case 'e', 'E' -> fmtE(sb, neg, digs, prec, fmt);
      case 'f' -> fmtF(sb, neg, digs, prec);
      default -> {
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
          eprec = digs.nd();
        }
        // Shortest output decides between %e and %f as if the precision were 6.
        if (shortest) {
          eprec = 6;
        }
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > digs.nd()) {
            prec = digs.nd();
          }
          fmtE(sb, neg, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          if (prec > digs.dp()) {
            prec = digs.nd();
          }
          fmtF(sb, neg, digs, Math.max(prec - digs.dp(), 0));
        }
      }
    }
    return sb.toString();
  }

  private static void fmtE(StringBuilder sb, boolean neg, Digits d, int prec, char fmt) {
    if (neg) {
      sb.append('-');
    }
    sb.append(d.nd() != 0 ? d.d().charAt(0) : '0');
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(d.nd(), prec + 1);
      if (i < m) {
        sb.append(d.d(), i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        sb.append('0');
      }
    }
    sb.append(fmt);
    int exp = d.nd() == 0 ? 0 : d.dp() - 1;
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }

  private static void fmtF(StringBuilder sb, boolean neg, Digits d, int prec) {
    if (neg) {
      sb.append('-');
    }
    if (d.dp() > 0) {
      int m = Math.min(d.nd(), d.dp());
      sb.append(d.d(), 0, m);
      for (; m < d.dp(); m++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = d.dp() + i - 1;
        sb.append(j >= 0 && j < d.nd() ? d.d().charAt(j) : '0');
      }
    }
  }

  /** {@code %b}: decimal mantissa and binary exponent, e.g. {@code 4503599627370496p-52}. */
  private static String formatBinary(double v, boolean neg) {
    long bits = Double.doubleToRawLongBits(v);
    int exp = (int) ((bits >>> 52) & 0x7FF);
    long mant = bits & ((1L << 52) - 1);
    if (exp == 0) {
      exp++;
    } else {
      mant |= 1L << 52;
    }
    exp += -1023 - 52;
    return (neg ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
  }

  /** {@code %x}: hexadecimal mantissa and binary exponent, e.g. {@code 0x1.8p+00}. */
  private static String formatHex(double v, boolean neg, char fmt, int prec) {
    long bits = Double.doubleToRawLongBits(v);
    int exp = (int) ((bits >>> 52) & 0x7FF);
    long mant = bits & ((1L << 52) - 1);
    if (exp == 0) {
      exp++;
    } else {
      mant |= 1L << 52;
    }
    exp -= 1023;
    if (mant == 0) {
      exp = 0;
    }
    // Put the leading 1 (if any) at bit 60.
    mant <<= 60 - 52;
    while (mant != 0 && (mant & (1L << 60)) == 0) {
      mant <<= 1;
      exp--;
    }
    if (prec >= 0 && prec < 15) {
      int shift = prec * 4;
      long extra = (mant << shift) & ((1L << 60) - 1);
      mant >>>= 60 - shift;
      if ((extra | (mant & 1)) > (1L << 59)) {
        mant++;
      }
      mant <<= 60 - shift;
      if ((mant & (1L << 61)) != 0) {
        mant >>>= 1;
        exp++;
      }
    }
    String hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    sb.append('0').append(fmt).append((char) ('0' + ((mant >>> 60) & 1)));
    mant <<= 4;
    if (prec < 0 && mant != 0) {
      sb.append('.');
      while (mant != 0) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    } else if (prec > 0) {
      sb.append('.');
      for (int i = 0; i < prec; i++) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    }
    sb.append(fmt == 'X' ? 'P' : 'p');
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
    return sb.toString();
  }
}
