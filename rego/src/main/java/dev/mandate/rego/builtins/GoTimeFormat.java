package dev.mandate.rego.builtins;

import dev.mandate.rego.builtins.GoLayout.Chunk;
import dev.mandate.rego.builtins.GoLayout.Std;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Formats a time with a Go reference layout, as Go's {@code Time.Format} does. */
final class GoTimeFormat {
  private GoTimeFormat() {}

  static String format(ZonedDateTime t, String layout) {
    StringBuilder b = new StringBuilder(layout.length() + 10);
    String rest = layout;
    while (!rest.isEmpty()) {
      Chunk c = GoLayout.next(rest);
      b.append(c.prefix());
      if (c.std() == Std.NONE) {
        break;
      }
      rest = c.suffix();
      append(b, t, c);
    }
    return b.toString();
  }

  private static void append(StringBuilder b, ZonedDateTime t, Chunk c) {
    int year = t.getYear();
    int hour = t.getHour();
    switch (c.std()) {
      case YEAR -> pad(b, Math.abs(year) % 100, 2);
      case LONG_YEAR -> pad(b, year, 4);
      case MONTH -> b.append(monthName(t).substring(0, 3));
      case LONG_MONTH -> b.append(monthName(t));
      case NUM_MONTH -> b.append(t.getMonthValue());
      case ZERO_MONTH -> pad(b, t.getMonthValue(), 2);
      case WEEKDAY -> b.append(weekdayName(t).substring(0, 3));
      case LONG_WEEKDAY -> b.append(weekdayName(t));
      case DAY -> b.append(t.getDayOfMonth());
      case UNDER_DAY -> {
        if (t.getDayOfMonth() < 10) {
          b.append(' ');
        }
        b.append(t.getDayOfMonth());
      }
      case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2);
      case UNDER_YEAR_DAY -> {
        int yday = t.getDayOfYear();
        if (yday < 100) {
          b.append(' ');
          if (yday < 10) {
            b.append(' ');
          }
        }
        b.append(yday);
      }
      case ZERO_YEAR_DAY -> pad(b, t.getDayOfYear(), 3);
      case HOUR -> pad(b, hour, 2);
      case HOUR12 -> b.append(hour % 12 == 0 ? 12 : hour % 12);
      case ZERO_HOUR12 -> pad(b, hour % 12 == 0 ? 12 : hour % 12, 2);
      case MINUTE -> b.append(t.getMinute());
      case ZERO_MINUTE -> pad(b, t.getMinute(), 2);
      case SECOND -> b.append(t.getSecond());
      case ZERO_SECOND -> pad(b, t.getSecond(), 2);
      case PM -> b.append(hour >= 12 ? "PM" : "AM");
      case PM_LOWER -> b.append(hour >= 12 ? "pm" : "am");
      case TZ -> {
        String name = GoZones.abbreviation(t);
        if (!name.isEmpty()) {
          b.append(name);
        } else {
          int zone = t.getOffset().getTotalSeconds() / 60;
          b.append(zone < 0 ? '-' : '+');
          zone = Math.abs(zone);
          pad(b, zone / 60, 2);
          pad(b, zone % 60, 2);
        }
      }
      case FRAC_SECOND0, FRAC_SECOND9 -> appendNano(b, t.getNano(), c);
      default -> appendOffset(b, t.getOffset().getTotalSeconds(), c.std());
    }
  }

  private static void appendOffset(StringBuilder b, int offset, Std std) {
    // The "Z" variants print a bare Z for UTC, as ISO 8601 writes it.
    if (offset == 0 && std.isIso8601()) {
      b.append('Z');
      return;
    }
    int zone = offset / 60;
    int absOffset = offset;
    if (zone < 0) {
      b.append('-');
      zone = -zone;
      absOffset = -absOffset;
    } else {
      b.append('+');
    }
    pad(b, zone / 60, 2);
    boolean colon = std == Std.ISO8601_COLON_TZ || std == Std.NUM_COLON_TZ
        || std == Std.ISO8601_COLON_SECONDS_TZ || std == Std.NUM_COLON_SECONDS_TZ;
    if (colon) {
      b.append(':');
    }
    if (std != Std.NUM_SHORT_TZ && std != Std.ISO8601_SHORT_TZ) {
      pad(b, zone % 60, 2);
    }
    if (std == Std.ISO8601_SECONDS_TZ || std == Std.NUM_SECONDS_TZ
        || std == Std.NUM_COLON_SECONDS_TZ || std == Std.ISO8601_COLON_SECONDS_TZ) {
      if (std == Std.NUM_COLON_SECONDS_TZ || std == Std.ISO8601_COLON_SECONDS_TZ) {
        b.append(':');
      }
      pad(b, absOffset % 60, 2);
    }
  }

  private static void appendNano(StringBuilder b, int nanos, Chunk c) {
    boolean trim = c.std() == Std.FRAC_SECOND9;
    int n = c.digits();
    if (trim && (n == 0 || nanos == 0)) {
      return;
    }
    int start = b.length();
    b.append(c.separator());
    pad(b, nanos, 9);
    if (n < 9) {
      b.setLength(b.length() - 9 + n);
    }
    if (trim) {
      while (b.length() > start && b.charAt(b.length() - 1) == '0') {
        b.setLength(b.length() - 1);
      }
      if (b.length() > start && b.charAt(b.length() - 1) == c.separator()) {
        b.setLength(b.length() - 1);
      }
    }
  }

  /** Go's appendInt with a minimum width: zero padded, sign first. */
  static void pad(StringBuilder b, long v, int width) {
    if (v < 0) {
      b.append('-');
      v = -v;
    }
    String digits = Long.toString(v);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    b.append(digits);
  }

  private static String monthName(ZonedDateTime t) {
    return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  static String weekdayName(ZonedDateTime t) {
    return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
