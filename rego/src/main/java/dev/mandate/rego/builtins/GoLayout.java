package dev.mandate.rego.builtins;

import java.util.Map;

/**
 * Go's time layout language: a layout is literal text mixed with elements of the reference time
 * {@code Mon Jan 2 15:04:05 MST 2006}. {@link #next} finds the first element of a layout as Go's
 * {@code time} package does (same precedence, same lookahead rules), so that parsing and
 * formatting split layouts exactly where Go splits them.
 */
final class GoLayout {
  private GoLayout() {}

  /** The named layouts OPA accepts in place of a layout string. */
  static final Map<String, String> NAMED = Map.of(
      "ANSIC", "Mon Jan _2 15:04:05 2006",
      "UnixDate", "Mon Jan _2 15:04:05 MST 2006",
      "RubyDate", "Mon Jan 02 15:04:05 -0700 2006",
      "RFC822", "02 Jan 06 15:04 MST",
      "RFC822Z", "02 Jan 06 15:04 -0700",
      "RFC850", "Monday, 02-Jan-06 15:04:05 MST",
      "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST",
      "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700",
      "RFC3339", "2006-01-02T15:04:05Z07:00",
      "RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00");

  static final String RFC3339 = NAMED.get("RFC3339");
  static final String RFC3339_NANO = NAMED.get("RFC3339Nano");

  /** A named layout's definition, or the layout itself. */
  static String resolve(String layout) {
    return NAMED.getOrDefault(layout, layout);
  }

  enum Std {
    NONE, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY,
    DAY, UNDER_DAY, ZERO_DAY, UNDER_YEAR_DAY, ZERO_YEAR_DAY,
    HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
    LONG_YEAR, YEAR, PM, PM_LOWER, TZ,
    ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ, ISO8601_COLON_SECONDS_TZ,
    NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
    FRAC_SECOND0, FRAC_SECOND9;

    boolean isIso8601() {
      return this == ISO8601_TZ || this == ISO8601_SECONDS_TZ || this == ISO8601_SHORT_TZ
          || this == ISO8601_COLON_TZ || this == ISO8601_COLON_SECONDS_TZ;
    }

    boolean isNumericZone() {
      return isIso8601() || this == NUM_TZ || this == NUM_SECONDS_TZ || this == NUM_SHORT_TZ
          || this == NUM_COLON_TZ || this == NUM_COLON_SECONDS_TZ;
    }
  }

  /**
   * The literal text before the first element, the element (NONE when there is none), and the
   * rest of the layout. Fractional seconds carry their digit count and separator ('.' or ',').
   */
  record Chunk(String prefix, Std std, int digits, char separator, String suffix) {}

  private static final Std[] ZERO_X = {
      Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};

  static Chunk next(String layout) {
    int n = layout.length();
    for (int i = 0; i < n; i++) {
      char c = layout.charAt(i);
      switch (c) {
        case 'J' -> {
          if (layout.startsWith("Jan", i)) {
            if (layout.startsWith("January", i)) {
              return chunk(layout, i, Std.LONG_MONTH, 7);
            }
            if (!startsWithLower(layout, i + 3)) {
              return chunk(layout, i, Std.MONTH, 3);
            }
          }
        }
        case 'M' -> {
          if (layout.startsWith("Mon", i)) {
            if (layout.startsWith("Monday", i)) {
              return chunk(layout, i, Std.LONG_WEEKDAY, 6);
            }
            if (!startsWithLower(layout, i + 3)) {
              return chunk(layout, i, Std.WEEKDAY, 3);
            }
          }
          if (layout.startsWith("MST", i)) {
            return chunk(layout, i, Std.TZ, 3);
          }
        }
        case '0' -> {
          if (i + 1 < n && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
            return chunk(layout, i, ZERO_X[layout.charAt(i + 1) - '1'], 2);
          }
          if (layout.startsWith("002", i)) {
            return chunk(layout, i, Std.ZERO_YEAR_DAY, 3);
          }
        }
        case '1' -> {
          if (i + 1 < n && layout.charAt(i + 1) == '5') {
            return chunk(layout, i, Std.HOUR, 2);
          }
          return chunk(layout, i, Std.NUM_MONTH, 1);
        }
        case '2' -> {
          if (layout.startsWith("2006", i)) {
            return chunk(layout, i, Std.LONG_YEAR, 4);
          }
          return chunk(layout, i, Std.DAY, 1);
        }
        case '_' -> {
          if (i + 1 < n && layout.charAt(i + 1) == '2') {
            // "_2006" is a literal underscore followed by the long year.
            if (layout.startsWith("2006", i + 1)) {
              return new Chunk(layout.substring(0, i + 1), Std.LONG_YEAR, 0, '.', layout.substring(i + 5));
            }
            return chunk(layout, i, Std.UNDER_DAY, 2);
          }
          if (layout.startsWith("__2", i)) {
            return chunk(layout, i, Std.UNDER_YEAR_DAY, 3);
          }
        }
        case '3' -> {
          return chunk(layout, i, Std.HOUR12, 1);
        }
        case '4' -> {
          return chunk(layout, i, Std.MINUTE, 1);
        }
        case '5' -> {
          return chunk(layout, i, Std.SECOND, 1);
        }
        case 'P' -> {
          if (i + 1 < n && layout.charAt(i + 1) == 'M') {
            return chunk(layout, i, Std.PM, 2);
          }
        }
        case 'p' -> {
          if (i + 1 < n && layout.charAt(i + 1) == 'm') {
            return chunk(layout, i, Std.PM_LOWER, 2);
          }
        }
        case '-' -> {
          if (layout.startsWith("-070000", i)) {
            return chunk(layout, i, Std.NUM_SECONDS_TZ, 7);
          }
          if (layout.startsWith("-07:00:00", i)) {
            return chunk(layout, i, Std.NUM_COLON_SECONDS_TZ, 9);
          }
          if (layout.startsWith("-0700", i)) {
            return chunk(layout, i, Std.NUM_TZ, 5);
          }
          if (layout.startsWith("-07:00", i)) {
            return chunk(layout, i, Std.NUM_COLON_TZ, 6);
          }
          if (layout.startsWith("-07", i)) {
            return chunk(layout, i, Std.NUM_SHORT_TZ, 3);
          }
        }
        case 'Z' -> {
          if (layout.startsWith("Z070000", i)) {
            return chunk(layout, i, Std.ISO8601_SECONDS_TZ, 7);
          }
          if (layout.startsWith("Z07:00:00", i)) {
            return chunk(layout, i, Std.ISO8601_COLON_SECONDS_TZ, 9);
          }
          if (layout.startsWith("Z0700", i)) {
            return chunk(layout, i, Std.ISO8601_TZ, 5);
          }
          if (layout.startsWith("Z07:00", i)) {
            return chunk(layout, i, Std.ISO8601_COLON_TZ, 6);
          }
          if (layout.startsWith("Z07", i)) {
            return chunk(layout, i, Std.ISO8601_SHORT_TZ, 3);
          }
        }
        case '.', ',' -> {
          if (i + 1 < n && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char ch = layout.charAt(i + 1);
            int j = i + 1;
            while (j < n && layout.charAt(j) == ch) {
              j++;
            }
            // Only a fractional second when the run of digits ends here.
            if (!isDigit(layout, j)) {
              Std std = ch == '0' ? Std.FRAC_SECOND0 : Std.FRAC_SECOND9;
              return new Chunk(layout.substring(0, i), std, j - (i + 1), c, layout.substring(j));
            }
          }
        }
        default -> {
          // literal text
        }
      }
    }
    return new Chunk(layout, Std.NONE, 0, '.', "");
  }

  private static Chunk chunk(String layout, int at, Std std, int length) {
    return new Chunk(layout.substring(0, at), std, 0, '.', layout.substring(at + length));
  }

  private static boolean startsWithLower(String s, int i) {
    return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
  }

  static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }
}
