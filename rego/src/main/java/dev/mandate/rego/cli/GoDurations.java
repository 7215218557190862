package dev.mandate.rego.cli;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations written as Go writes them ({@code 1.5s}, {@code 250ms}, {@code 1m30s}). */
public final class GoDurations {
  private GoDurations() {}

  /**
   * Parses Go's duration syntax: one or more decimal numbers each with a unit
   * ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), e.g.
   * {@code 10s}, {@code 1.5h}, {@code 1m30s}. A bare {@code 0} is zero.
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration: \"" + text + "\"");
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String number = s.substring(numStart, unitStart);
      String unit = s.substring(unitStart, i);
      long unitNanos = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException("invalid duration: \"" + text
            + "\" (units: ns, us, ms, s, m, h)");
      };
      BigDecimal n;
      try {
        n = new BigDecimal(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid duration: \"" + text + "\"");
      }
      totalNanos = totalNanos.add(n.multiply(BigDecimal.valueOf(unitNanos)));
    }
    return Duration.ofNanos(totalNanos.longValue());
  }

  /** Formats as Go's {@code time.Duration.String()}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000L) {
      return sign + u + "ns";
    }
    if (u < 1_000_000L) {
      return sign + fraction(u, 3) + "µs";
    }
    if (u < 1_000_000_000L) {
      return sign + fraction(u, 6) + "ms";
    }
    StringBuilder sb = new StringBuilder(sign);
    long hours = u / 3_600_000_000_000L;
    long rest = u % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secNanos = rest % 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(fraction(secNanos, 9)).append('s').toString();
  }

  /** {@code value / 10^digits}, with trailing zeros (and a bare point) removed. */
  private static String fraction(long value, int digits) {
    long scale = (long) Math.pow(10, digits);
    long whole = value / scale;
    long frac = value % scale;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
    return whole + "." + f;
  }
}
