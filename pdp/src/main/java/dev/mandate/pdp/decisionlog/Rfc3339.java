package dev.mandate.pdp.decisionlog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} prints them in UTC, which is what OPA's decision
 * logs carry: seconds, then a fraction of up to nine digits with trailing zeros removed (and no
 * dot at all for a whole second), then {@code Z}.
 */
public final class Rfc3339 {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** A second and its text up to the seconds: decisions are logged many per second. */
  private record Second(long epochSecond, String text) {}

  /** The last second formatted; an immutable pair, so threads may race to replace it. */
  private static volatile Second last = new Second(Long.MIN_VALUE, "");

  private Rfc3339() {}

  public static String nano(Instant t) {
    Second second = last;
    if (second.epochSecond() != t.getEpochSecond()) {
      second = new Second(t.getEpochSecond(), SECONDS.format(t));
      last = second;
    }
    StringBuilder sb = new StringBuilder(32).append(second.text());
    int nanos = t.getNano();
    if (nanos != 0) {
      // Nine digits without their trailing zeros, written without a formatter: this runs for
      // every logged decision.
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      String significant = Integer.toString(nanos);
      sb.append('.');
      for (int i = significant.length(); i < digits; i++) {
        sb.append('0');
      }
      sb.append(significant);
    }
    return sb.append('Z').toString();
  }
}
