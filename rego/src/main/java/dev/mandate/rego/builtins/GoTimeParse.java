package dev.mandate.rego.builtins;

import dev.mandate.rego.builtins.GoLayout.Chunk;
import dev.mandate.rego.builtins.GoLayout.Std;
import java.time.LocalDate;

/**
 * Parses a time with a Go reference layout, as Go's {@code time.Parse} does: same leniency
 * (one-digit fields where Go allows them, fractional seconds the layout does not mention, any
 * case for month and day names), same validation and the same error messages. A time without a
 * zone is UTC; a zone abbreviation other than UTC does not move the instant (Go records it in a
 * fabricated zone with offset zero).
 */
final class GoTimeParse {
  private GoTimeParse() {}

  /** An instant: seconds since the Unix epoch and nanoseconds within the second. */
  record Instant(long unixSeconds, int nanos) {}

  private static final String[] SHORT_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  private static final String[] LONG_DAYS = {
      "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  private static final String[] SHORT_MONTHS = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  private static final String[] LONG_MONTHS = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"};
  private static final int[] DAYS_BEFORE = {
      0, 31, 31 + 28, 31 + 28 + 31, 31 + 28 + 31 + 30, 31 + 28 + 31 + 30 + 31,
      31 + 28 + 31 + 30 + 31 + 30, 31 + 28 + 31 + 30 + 31 + 30 + 31,
      31 + 28 + 31 + 30 + 31 + 30 + 31 + 31, 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30,
      31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31,
      31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30,
      365};

  /** Thrown inside the parser for a malformed field; turned into Go's message by the caller. */
  private static final class Bad extends Exception {
    Bad() {
      super(null, null, false, false);
    }
  }

  private static final Bad BAD = new Bad();

  /** Mutable cursor over the value, with the field just read. */
  private static final class Cursor {
    String value;
    int number;

    Cursor(String value) {
      this.value = value;
    }
  }

  static Instant parse(String layout, String value) {
    // Go's time.Parse tries this shortcut first for the two RFC 3339 layouts; whatever it does
    // not accept (or rejects) goes through the general parser, which also words the error.
    if (layout.equals(GoLayout.RFC3339) || layout.equals(GoLayout.RFC3339_NANO)) {
      Instant t = parseRfc3339(value);
      if (t != null) {
        return t;
      }
    }
    return parseLayout(layout, value);
  }

  /**
   * The strict RFC 3339 form Go accepts without consulting the layout:
   * {@code yyyy-mm-ddThh:mm:ss}, optional {@code .digits}, then {@code Z} or {@code ±hh:mm}, with
   * every field in range. Null for anything else, which the general parser then decides.
   */
  static Instant parseRfc3339(String s) {
    if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4, 0, 9999);
    int month = digits(s, 5, 7, 1, 12);
    int hour = digits(s, 11, 13, 0, 23);
    int min = digits(s, 14, 16, 0, 59);
    int sec = digits(s, 17, 19, 0, 59);
    if (year < 0 || month < 0 || hour < 0 || min < 0 || sec < 0) {
      return null;
    }
    int day = digits(s, 8, 10, 1, daysIn(month, year));
    if (day < 0) {
      return null;
    }
    int i = 19;
    int nsec = 0;
    if (i + 1 < s.length() && s.charAt(i) == '.' && GoLayout.isDigit(s, i + 1)) {
      int end = i + 2;
      while (end < s.length() && GoLayout.isDigit(s, end)) {
        end++;
      }
      // As Go: the first nine digits count, further ones are ignored.
      int scale = 100_000_000;
      for (int j = i + 1; j < end && j <= i + 9; j++, scale /= 10) {
        nsec += (s.charAt(j) - '0') * scale;
      }
      i = end;
    }
    long wall = LocalDate.of(year, month, day).toEpochDay() * 86400L + hour * 3600L + min * 60L
        + sec;
    int rest = s.length() - i;
    if (rest == 1 && s.charAt(i) == 'Z') {
      return new Instant(wall, nsec);
    }
    if (rest != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
      return null;
    }
    int offHour = digits(s, i + 1, i + 3, 0, 23);
    int offMin = digits(s, i + 4, i + 6, 0, 59);
    if (offHour < 0 || offMin < 0) {
      return null;
    }
    int offset = (offHour * 60 + offMin) * 60;
    return new Instant(s.charAt(i) == '-' ? wall + offset : wall - offset, nsec);
  }

  /** The decimal number in {@code s[from:to]} when it is all digits and within range, else -1. */
  private static int digits(String s, int from, int to, int min, int max) {
    int x = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      x = x * 10 + (c - '0');
    }
    return x < min || x > max ? -1 : x;
  }

  /** Go's general parser: the layout read element by element. */
  static Instant parseLayout(String layout, String value) {
    final String originalLayout = layout;
    final String originalValue = value;
    boolean amSet = false;
    boolean pmSet = false;
    int year = 0;
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    int nsec = 0;
    boolean utc = false;
    int zoneOffset = -1; // Go uses -1 as "no offset seen"
    String zoneName = "";

    Cursor cur = new Cursor(value);
    while (true) {
      Chunk chunk = GoLayout.next(layout);
      String stdText = layout.substring(chunk.prefix().length(), layout.length() - chunk.suffix().length());
      Skipped skipped = skip(cur.value, chunk.prefix());
      if (!skipped.matched()) {
        throw error(originalLayout, originalValue, chunk.prefix(), skipped.rest());
      }
      cur.value = skipped.rest();
      if (chunk.std() == Std.NONE) {
        if (!cur.value.isEmpty()) {
          throw BuiltinException.error("parsing time " + TimeQuote.quote(originalValue)
              + ": extra text: " + TimeQuote.quote(cur.value));
        }
        break;
      }
      layout = chunk.suffix();
      String hold = cur.value;
      String rangeErr = "";
      try {
        switch (chunk.std()) {
          case YEAR -> {
            if (cur.value.length() < 2) {
              throw BAD;
            }
            String p = cur.value.substring(0, 2);
            cur.value = cur.value.substring(2);
            year = atoi(p);
            year += year >= 69 ? 1900 : 2000;
          }
          case LONG_YEAR -> {
            if (cur.value.length() < 4 || !GoLayout.isDigit(cur.value, 0)) {
              throw BAD;
            }
            String p = cur.value.substring(0, 4);
            cur.value = cur.value.substring(4);
            year = atoi(p);
          }
          case MONTH -> month = lookup(SHORT_MONTHS, cur) + 1;
          case LONG_MONTH -> month = lookup(LONG_MONTHS, cur) + 1;
          case NUM_MONTH, ZERO_MONTH -> {
            month = getnum(cur, chunk.std() == Std.ZERO_MONTH);
            if (month <= 0 || month > 12) {
              rangeErr = "month";
            }
          }
          case WEEKDAY -> lookup(SHORT_DAYS, cur); // checked, then ignored
          case LONG_WEEKDAY -> lookup(LONG_DAYS, cur);
          case DAY, UNDER_DAY, ZERO_DAY -> {
            if (chunk.std() == Std.UNDER_DAY && cur.value.startsWith(" ")) {
              cur.value = cur.value.substring(1);
            }
            // Any one- or two-digit day; checked against the month at the end.
            day = getnum(cur, chunk.std() == Std.ZERO_DAY);
          }
          case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
            for (int i = 0; i < 2; i++) {
              if (chunk.std() == Std.UNDER_YEAR_DAY && cur.value.startsWith(" ")) {
                cur.value = cur.value.substring(1);
              }
            }
            yday = getnum3(cur, chunk.std() == Std.ZERO_YEAR_DAY);
          }
          case HOUR -> {
            hour = getnum(cur, false);
            if (hour < 0 || hour >= 24) {
              rangeErr = "hour";
            }
          }
          case HOUR12, ZERO_HOUR12 -> {
            hour = getnum(cur, chunk.std() == Std.ZERO_HOUR12);
            if (hour < 0 || hour > 12) {
              rangeErr = "hour";
            }
          }
          case MINUTE, ZERO_MINUTE -> {
            min = getnum(cur, chunk.std() == Std.ZERO_MINUTE);
            if (min < 0 || min >= 60) {
              rangeErr = "minute";
            }
          }
          case SECOND, ZERO_SECOND -> {
            sec = getnum(cur, chunk.std() == Std.ZERO_SECOND);
            if (sec < 0 || sec >= 60) {
              rangeErr = "second";
              break;
            }
            // A fractional second in the value that the layout does not ask for is still read.
            if (cur.value.length() >= 2 && commaOrPeriod(cur.value.charAt(0)) && GoLayout.isDigit(cur.value, 1)) {
              Std nextStd = GoLayout.next(layout).std();
              if (nextStd == Std.FRAC_SECOND0 || nextStd == Std.FRAC_SECOND9) {
                break;
              }
              int n = 2;
              while (n < cur.value.length() && GoLayout.isDigit(cur.value, n)) {
                n++;
              }
              int[] r = parseNanoseconds(cur.value, n);
              nsec = r[0];
              if (r[1] != 0) {
                rangeErr = "fractional second";
              }
              cur.value = cur.value.substring(n);
            }
          }
          case PM, PM_LOWER -> {
            if (cur.value.length() < 2) {
              throw BAD;
            }
            String p = cur.value.substring(0, 2);
            cur.value = cur.value.substring(2);
            boolean upper = chunk.std() == Std.PM;
            if (p.equals(upper ? "PM" : "pm")) {
              pmSet = true;
            } else if (p.equals(upper ? "AM" : "am")) {
              amSet = true;
            } else {
              throw BAD;
            }
          }
          case TZ -> {
            if (cur.value.startsWith("UTC")) {
              utc = true;
              cur.value = cur.value.substring(3);
              break;
            }
            int n = parseTimeZone(cur.value);
            if (n <= 0) {
              throw BAD;
            }
            zoneName = cur.value.substring(0, n);
            cur.value = cur.value.substring(n);
          }
          case FRAC_SECOND0 -> {
            // Exactly as many digits as the layout has.
            int ndigit = 1 + chunk.digits();
            if (cur.value.length() < ndigit) {
              throw BAD;
            }
            int[] r = parseNanoseconds(cur.value, ndigit);
            nsec = r[0];
            if (r[1] != 0) {
              rangeErr = "fractional second";
            }
            cur.value = cur.value.substring(ndigit);
          }
          case FRAC_SECOND9 -> {
            String v = cur.value;
            if (v.length() < 2 || !commaOrPeriod(v.charAt(0)) || !GoLayout.isDigit(v, 1)) {
              break; // omitted
            }
            int i = 0;
            while (i + 1 < v.length() && GoLayout.isDigit(v, i + 1)) {
              i++;
            }
            int[] r = parseNanoseconds(v, 1 + i);
            nsec = r[0];
            if (r[1] != 0) {
              rangeErr = "fractional second";
            }
            cur.value = v.substring(1 + i);
          }
          default -> {
            Std std = chunk.std();
            if (std.isIso8601() && cur.value.startsWith("Z")) {
              cur.value = cur.value.substring(1);
              utc = true;
              break;
            }
            int[] parsed = parseOffset(cur, std);
            if (parsed[1] != 0) {
              rangeErr = parsed[1] == 1 ? "time zone offset hour"
                  : parsed[1] == 2 ? "time zone offset minute" : "time zone offset second";
            }
            zoneOffset = parsed[0];
          }
        }
      } catch (Bad e) {
        if (!rangeErr.isEmpty()) {
          throw rangeError(originalValue, rangeErr);
        }
        throw error(originalLayout, originalValue, stdText, hold);
      }
      if (!rangeErr.isEmpty()) {
        throw rangeError(originalValue, rangeErr);
      }
    }

    if (pmSet && hour < 12) {
      hour += 12;
    } else if (amSet && hour == 12) {
      hour = 0;
    }

    if (yday >= 0) {
      int d = 0;
      int m = 0;
      if (isLeap(year)) {
        if (yday == 31 + 29) {
          m = 2;
          d = 29;
        } else if (yday > 31 + 29) {
          yday--;
        }
      }
      if (yday < 1 || yday > 365) {
        throw message(originalValue, ": day-of-year out of range");
      }
      if (m == 0) {
        m = (yday - 1) / 31 + 1;
        if (DAYS_BEFORE[m] < yday) {
          m++;
        }
        d = yday - DAYS_BEFORE[m - 1];
      }
      if (month >= 0 && month != m) {
        throw message(originalValue, ": day-of-year does not match month");
      }
      month = m;
      if (day >= 0 && day != d) {
        throw message(originalValue, ": day-of-year does not match day");
      }
      day = d;
    } else {
      if (month < 0) {
        month = 1;
      }
      if (day < 0) {
        day = 1;
      }
    }

    if (day < 1 || day > daysIn(month, year)) {
      throw message(originalValue, ": day out of range");
    }

    long wall = LocalDate.of(year, month, day).toEpochDay() * 86400L + hour * 3600L + min * 60L + sec;
    if (!utc && zoneOffset != -1) {
      wall -= zoneOffset;
    }
    return new Instant(wall, nsec);
  }

  /** [offset seconds, range problem: 0 none, 1 hour, 2 minute, 3 second]. */
  private static int[] parseOffset(Cursor cur, Std std) throws Bad {
    String v = cur.value;
    String sign;
    String hh;
    String mm = "00";
    String ss = "00";
    if (std == Std.ISO8601_COLON_TZ || std == Std.NUM_COLON_TZ) {
      if (v.length() < 6 || v.charAt(3) != ':') {
        throw BAD;
      }
      sign = v.substring(0, 1);
      hh = v.substring(1, 3);
      mm = v.substring(4, 6);
      cur.value = v.substring(6);
    } else if (std == Std.NUM_SHORT_TZ || std == Std.ISO8601_SHORT_TZ) {
      if (v.length() < 3) {
        throw BAD;
      }
      sign = v.substring(0, 1);
      hh = v.substring(1, 3);
      cur.value = v.substring(3);
    } else if (std == Std.ISO8601_COLON_SECONDS_TZ || std == Std.NUM_COLON_SECONDS_TZ) {
      if (v.length() < 9 || v.charAt(3) != ':' || v.charAt(6) != ':') {
        throw BAD;
      }
      sign = v.substring(0, 1);
      hh = v.substring(1, 3);
      mm = v.substring(4, 6);
      ss = v.substring(7, 9);
      cur.value = v.substring(9);
    } else if (std == Std.ISO8601_SECONDS_TZ || std == Std.NUM_SECONDS_TZ) {
      if (v.length() < 7) {
        throw BAD;
      }
      sign = v.substring(0, 1);
      hh = v.substring(1, 3);
      mm = v.substring(3, 5);
      ss = v.substring(5, 7);
      cur.value = v.substring(7);
    } else {
      if (v.length() < 5) {
        throw BAD;
      }
      sign = v.substring(0, 1);
      hh = v.substring(1, 3);
      mm = v.substring(3, 5);
      cur.value = v.substring(5);
    }
    // Go reads all three fields, then reports a range problem before a malformed field.
    boolean bad = false;
    int hr = 0;
    int mi = 0;
    int se = 0;
    try {
      hr = getnum(new Cursor(hh), true);
      mi = getnum(new Cursor(mm), true);
      se = getnum(new Cursor(ss), true);
    } catch (Bad e) {
      bad = true;
    }
    // Go compares with > rather than >=: offsets of 24 hours or 60 minutes do occur in the wild.
    int range = 0;
    if (hr > 24) {
      range = 1;
    }
    if (mi > 60) {
      range = 2;
    }
    if (se > 60) {
      range = 3;
    }
    int offset = (hr * 60 + mi) * 60 + se;
    switch (sign.charAt(0)) {
      case '+' -> { }
      case '-' -> offset = -offset;
      default -> bad = true;
    }
    if (bad && range == 0) {
      throw BAD;
    }
    return new int[] {offset, range};
  }

  /**
   * What is left of the value after the literal prefix, and whether the prefix matched; on a
   * mismatch, the value from the point where it failed (which Go's message quotes). A space in
   * the layout matches any run of spaces.
   */
  private record Skipped(boolean matched, String rest) {}

  private static Skipped skip(String value, String prefix) {
    int vi = 0;
    int pi = 0;
    while (pi < prefix.length()) {
      if (prefix.charAt(pi) == ' ') {
        if (vi < value.length() && value.charAt(vi) != ' ') {
          return new Skipped(false, value.substring(vi));
        }
        while (pi < prefix.length() && prefix.charAt(pi) == ' ') {
          pi++;
        }
        while (vi < value.length() && value.charAt(vi) == ' ') {
          vi++;
        }
        continue;
      }
      if (vi >= value.length() || value.charAt(vi) != prefix.charAt(pi)) {
        return new Skipped(false, value.substring(vi));
      }
      pi++;
      vi++;
    }
    return new Skipped(true, value.substring(vi));
  }

  /** One or two digits (exactly two when fixed). */
  private static int getnum(Cursor cur, boolean fixed) throws Bad {
    String s = cur.value;
    if (!GoLayout.isDigit(s, 0)) {
      throw BAD;
    }
    if (!GoLayout.isDigit(s, 1)) {
      if (fixed) {
        throw BAD;
      }
      cur.value = s.substring(1);
      return s.charAt(0) - '0';
    }
    cur.value = s.substring(2);
    return (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
  }

  /** One to three digits (exactly three when fixed). */
  private static int getnum3(Cursor cur, boolean fixed) throws Bad {
    String s = cur.value;
    int n = 0;
    int i = 0;
    while (i < 3 && GoLayout.isDigit(s, i)) {
      n = n * 10 + (s.charAt(i) - '0');
      i++;
    }
    if (i == 0 || (fixed && i != 3)) {
      throw BAD;
    }
    cur.value = s.substring(i);
    return n;
  }

  /** Case-insensitive (ASCII) prefix match against the names; the index of the first match. */
  private static int lookup(String[] names, Cursor cur) throws Bad {
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      if (cur.value.length() >= name.length() && cur.value.regionMatches(true, 0, name, 0, name.length())
          && isAscii(cur.value, name.length())) {
        cur.value = cur.value.substring(name.length());
        return i;
      }
    }
    throw BAD;
  }

  private static boolean isAscii(String s, int n) {
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Go's atoi: optional sign, then only digits, within int64. */
  private static int atoi(String s) throws Bad {
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return 0; // Go's leadingInt accepts an empty run of digits
    }
    long x = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw BAD;
      }
      x = x * 10 + (c - '0');
      if (x > Integer.MAX_VALUE) {
        throw BAD;
      }
    }
    return (int) (neg ? -x : x);
  }

  /**
   * Reads {@code value[1:nbytes]} as nanoseconds (the first character is the separator). Returns
   * [nanoseconds, 1 when out of range]. Digits beyond the ninth are ignored.
   */
  private static int[] parseNanoseconds(String value, int nbytes) throws Bad {
    if (!commaOrPeriod(value.charAt(0))) {
      throw BAD;
    }
    if (nbytes > 10) {
      nbytes = 10;
    }
    int ns = atoi(value.substring(1, nbytes));
    if (ns < 0) {
      return new int[] {0, 1};
    }
    for (int i = 0; i < 10 - nbytes; i++) {
      ns *= 10;
    }
    return new int[] {ns, 0};
  }

  /** The length of a zone abbreviation at the start of the value, or 0 when there is none. */
  private static int parseTimeZone(String value) {
    if (value.length() < 3) {
      return 0;
    }
    if (value.startsWith("ChST") || value.startsWith("MeST")) {
      return 4;
    }
    if (value.startsWith("GMT")) {
      return value.length() == 3 ? 3 : 3 + parseSignedOffset(value.substring(3));
    }
    if (value.charAt(0) == '+' || value.charAt(0) == '-') {
      return parseSignedOffset(value);
    }
    int upper = 0;
    while (upper < 6 && upper < value.length() && value.charAt(upper) >= 'A' && value.charAt(upper) <= 'Z') {
      upper++;
    }
    return switch (upper) {
      case 3 -> 3;
      case 4 -> value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
      case 5 -> value.charAt(4) == 'T' ? 5 : 0;
      default -> 0;
    };
  }

  /** "+hh" / "-h" with hours at most 12; the length read, or 0. */
  private static int parseSignedOffset(String value) {
    char sign = value.charAt(0);
    if (sign != '-' && sign != '+') {
      return 0;
    }
    int i = 1;
    long x = 0;
    while (i < value.length() && GoLayout.isDigit(value, i)) {
      x = x * 10 + (value.charAt(i) - '0');
      if (x > Integer.MAX_VALUE) {
        return 0;
      }
      i++;
    }
    if (i == 1 || x > 12) {
      return 0;
    }
    return i;
  }

  private static boolean commaOrPeriod(char c) {
    return c == '.' || c == ',';
  }

  static boolean isLeap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int daysIn(int month, int year) {
    if (month == 2 && isLeap(year)) {
      return 29;
    }
    return DAYS_BEFORE[month] - DAYS_BEFORE[month - 1];
  }

  private static BuiltinException error(String layout, String value, String layoutElem, String valueElem) {
    return BuiltinException.error("parsing time " + TimeQuote.quote(value) + " as " + TimeQuote.quote(layout)
        + ": cannot parse " + TimeQuote.quote(valueElem) + " as " + TimeQuote.quote(layoutElem));
  }

  private static BuiltinException rangeError(String value, String what) {
    return message(value, ": " + what + " out of range");
  }

  private static BuiltinException message(String value, String msg) {
    return BuiltinException.error("parsing time " + TimeQuote.quote(value) + msg);
  }
}
