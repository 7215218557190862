package dev.mandate.rego.builtins;

import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers with units
 * ("1h2m3.5s", "-1.5h", "300ms"; units ns, us, µs, μs, ms, s, m, h), in int64 nanoseconds. The
 * arithmetic mirrors Go's (unsigned accumulation, float64 for fractions) so that rounding and
 * overflow behave the same, and so do the error messages.
 */
final class GoDuration {
  private GoDuration() {}

  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L, // micro sign
      "\u03bcs", 1_000L, // Greek small letter mu
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  /** 1 << 63 as an unsigned value. */
  private static final long TWO_63 = Long.MIN_VALUE;

  static long parse(String orig) {
    String s = orig;
    long d = 0; // unsigned
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    while (!s.isEmpty()) {
      char c = s.charAt(0);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(orig);
      }
      // integer part
      int i = 0;
      long v = 0; // unsigned
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
          throw invalid(orig);
        }
        v = v * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(v, TWO_63) > 0) {
          throw invalid(orig);
        }
        i++;
      }
      boolean pre = i > 0;
      s = s.substring(i);
      // fraction
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        while (j < s.length() && isDigit(s.charAt(j))) {
          if (!overflow) {
            if (f > (Long.MAX_VALUE) / 10) {
              overflow = true;
            } else {
              long y = f * 10 + (s.charAt(j) - '0');
              if (y < 0) {
                overflow = true;
              } else {
                f = y;
                scale *= 10;
              }
            }
          }
          j++;
        }
        post = j > 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(orig); // no digits, as in ".s"
      }
      // unit
      int u = 0;
      while (u < s.length() && s.charAt(u) != '.' && !isDigit(s.charAt(u))) {
        u++;
      }
      if (u == 0) {
        throw BuiltinException.error("time: missing unit in duration " + TimeQuote.quote(orig));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw BuiltinException.error("time: unknown unit " + TimeQuote.quote(unitName)
            + " in duration " + TimeQuote.quote(orig));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        // float64 keeps fractions of an hour nanosecond-accurate, as in Go
        v += (long) ((double) f * ((double) unit / scale));
        if (Long.compareUnsigned(v, TWO_63) > 0) {
          throw invalid(orig);
        }
      }
      d += v;
      if (Long.compareUnsigned(d, TWO_63) > 0) {
        throw invalid(orig);
      }
    }
    if (neg) {
      return -d;
    }
    if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
      throw invalid(orig);
    }
    return d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static BuiltinException invalid(String orig) {
    return BuiltinException.error("time: invalid duration " + TimeQuote.quote(orig));
  }
}
