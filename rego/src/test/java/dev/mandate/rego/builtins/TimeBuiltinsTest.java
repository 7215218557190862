package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.TimeNetCalls.a;
import static dev.mandate.rego.builtins.TimeNetCalls.n;
import static dev.mandate.rego.builtins.TimeNetCalls.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.EvalException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {
  private final TimeNetCalls calls = new TimeNetCalls(TimeBuiltins::register);

  private static long ns(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private void parse(long expected, String layout, String value) {
    calls.expect(Long.toString(expected), "time.parse_ns", s(layout), s(value));
  }

  private void parseError(String message, String layout, String value) {
    calls.expectError(EvalException.BUILTIN, message, "time.parse_ns", s(layout), s(value));
  }

  @Test
  void registersOpaNames() {
    assertEquals(java.util.Set.of("time.now_ns", "time.parse_ns", "time.parse_rfc3339_ns",
        "time.parse_duration_ns", "time.format", "time.date", "time.clock", "time.weekday",
        "time.add_date", "time.diff"), calls.registry().names());
  }

  @Test
  void nowIsTheQueryTime() {
    calls.expect("1670006453141828752", "time.now_ns");
  }

  @Test
  void parsesConformanceLayouts() {
    parse(1496455200000000000L, "2006-01-02T15:04:05Z07:00", "2017-06-02T19:00:00-07:00");
    parse(Long.MIN_VALUE, "2006-01-02T15:04:05Z07:00", "1677-09-21T00:12:43.145224192-00:00");
    parse(Long.MAX_VALUE, "2006-01-02T15:04:05Z07:00", "2262-04-11T23:47:16.854775807-00:00");
    parse(1496455200000000000L, "01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700");
    parse(1496455200000000000L, "02 Jan 06 15:04 -0700", "02 Jun 17 19:00 -0700");
    parse(1496455200000000000L, "RFC822Z", "02 Jun 17 19:00 -0700");
  }

  @Test
  void parseOutsideInt64RangeFails() {
    parseError("time outside of valid range", "2006-01-02T15:04:05Z07:00", "1677-09-21T00:12:43.145224191-00:00");
    parseError("time outside of valid range", "2006-01-02T15:04:05Z07:00", "2262-04-11T23:47:16.854775808-00:00");
    // A layout without any element parses to year 0, far outside the range.
    parseError("time outside of valid range", "hello", "hello");
  }

  @Test
  void parsesGoLayoutElements() {
    parse(ns("2021-03-04T17:06:07Z"), "January _2 2006 3:4:5 pm", "March  4 2021 5:6:7 pm");
    parse(ns("2021-03-04T00:06:07Z"), "Jan 2 2006 03:04:05PM", "mar 4 2021 12:06:07AM");
    parse(ns("2021-03-04T12:00:00Z"), "Monday 2006-01-02 15", "Thursday 2021-03-04 12");
    parse(ns("2020-02-29T00:00:00Z"), "2006 002", "2020 060");
    parse(ns("2021-12-31T00:00:00Z"), "2006 __2", "2021 365");
    parse(ns("2021-01-01T00:00:00.123Z"), "2006-01-02 15:04:05.000", "2021-01-01 00:00:00.123");
    parse(ns("2021-01-01T00:00:00.12Z"), "2006-01-02 15:04:05.999", "2021-01-01 00:00:00.12");
    parse(ns("2021-01-01T00:00:00Z"), "2006-01-02 15:04:05.999", "2021-01-01 00:00:00");
    parse(ns("2021-01-01T00:00:00.123456789Z"), "2006-01-02 15:04:05,999999999", "2021-01-01 00:00:00,123456789");
    // Fractional seconds are read even when the layout has none.
    parse(ns("2021-01-01T00:00:00.5Z"), "2006-01-02T15:04:05Z07:00", "2021-01-01T00:00:00.5Z");
    parse(ns("2021-01-01T05:30:00Z"), "2006-01-02 15:04 -07:00:00", "2021-01-01 00:00 -05:30:00");
    parse(ns("2021-01-01T05:00:00Z"), "2006-01-02 15:04 -07", "2021-01-01 00:00 -05");
    parse(ns("2021-01-01T00:00:00Z"), "2006-01-02 15:04 Z0700", "2021-01-01 00:00 Z");
    // Two-digit years: 69-99 are 19xx, the rest 20xx.
    parse(ns("1969-01-01T00:00:00Z"), "06", "69");
    parse(ns("2068-01-01T00:00:00Z"), "06", "68");
    // "_2006" is an underscore and a year, not the padded day.
    parse(ns("2021-01-01T00:00:00Z"), "_2006", "_2021");
    // Spaces in the layout match runs of spaces.
    parse(ns("2021-01-02T00:00:00Z"), "2006 01  02", "2021   01 02");
  }

  @Test
  void zoneAbbreviationsDoNotMoveTheInstant() {
    // Go records an unknown abbreviation with offset zero; only numeric offsets shift the time.
    parse(ns("2021-06-01T12:00:00Z"), "2006-01-02 15:04 MST", "2021-06-01 12:00 PDT");
    parse(ns("2021-06-01T12:00:00Z"), "2006-01-02 15:04 MST", "2021-06-01 12:00 GMT+3");
    parse(ns("2021-06-01T12:00:00Z"), "2006-01-02 15:04 MST", "2021-06-01 12:00 UTC");
    parse(ns("2021-06-01T19:00:00Z"), "2006-01-02 15:04 MST -0700", "2021-06-01 12:00 PDT -0700");
    parseError("parsing time \"2021-06-01 12:00 Pacific\" as \"2006-01-02 15:04 MST\": cannot parse \"Pacific\" as \"MST\"",
        "2006-01-02 15:04 MST", "2021-06-01 12:00 Pacific");
  }

  @Test
  void rfc3339() {
    calls.expect("1496455200000000000", "time.parse_rfc3339_ns", s("2017-06-02T19:00:00-07:00"));
    calls.expect("-9223372036854775808", "time.parse_rfc3339_ns", s("1677-09-21T00:12:43.145224192-00:00"));
    calls.expect("9223372036854775807", "time.parse_rfc3339_ns", s("2262-04-11T23:47:16.854775807-00:00"));
    calls.expect("0", "time.parse_rfc3339_ns", s("1970-01-01T00:00:00-00:00"));
    calls.expectError(EvalException.BUILTIN, "time outside of valid range", "time.parse_rfc3339_ns",
        s("1677-09-21T00:12:43.145224191-00:00"));
    calls.expect("1496455200123000000", "time.parse_rfc3339_ns", s("2017-06-03T02:00:00.123Z"));
    calls.expectError(EvalException.BUILTIN,
        "parsing time \"2017-06-03\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"",
        "time.parse_rfc3339_ns", s("2017-06-03"));
  }

  @Test
  void parseErrorsAreGos() {
    parseError("parsing time \"2021-02-30\": day out of range", "2006-01-02", "2021-02-30");
    parseError("parsing time \"2019-02-29\": day out of range", "2006-01-02", "2019-02-29");
    parse(ns("2020-02-29T00:00:00Z"), "2006-01-02", "2020-02-29");
    parseError("parsing time \"2021-13-01\": month out of range", "2006-01-02", "2021-13-01");
    parseError("parsing time \"2021-01-01 24:00\": hour out of range", "2006-01-02 15:04", "2021-01-01 24:00");
    parseError("parsing time \"21-01-01\" as \"2006-01-02\": cannot parse \"21-01-01\" as \"2006\"",
        "2006-01-02", "21-01-01");
    parseError("parsing time \"2021/01/01\" as \"2006-01-02\": cannot parse \"/01/01\" as \"-\"",
        "2006-01-02", "2021/01/01");
    parseError("parsing time \"2021-01-01x\": extra text: \"x\"", "2006-01-02", "2021-01-01x");
    parseError("parsing time \"baz\" as \"bar\": cannot parse \"z\" as \"bar\"", "bar", "baz");
    parseError("parsing time \"2021-01-01 00:00:00.12\" as \"2006-01-02 15:04:05.000\": cannot parse \".12\" as \".000\"",
        "2006-01-02 15:04:05.000", "2021-01-01 00:00:00.12");
    parseError("parsing time \"2020 366 Jan\": day-of-year does not match month", "2006 002 Jan", "2020 366 Jan");
    parseError("parsing time \"2021 366\": day-of-year out of range", "2006 002", "2021 366");
    parseError("parsing time \"2021-01-01 +25:00\": time zone offset hour out of range",
        "2006-01-02 Z07:00", "2021-01-01 +25:00");
    parseError("parsing time \"\\xe2\\x82\\xac\" as \"2006\": cannot parse \"\\xe2\\x82\\xac\" as \"2006\"", "2006", "€");
  }

  @Test
  void durations() {
    TimeNetCalls c = calls;
    c.expect("100000000", "time.parse_duration_ns", s("100ms"));
    c.expect("3723500000000", "time.parse_duration_ns", s("1h2m3.5s"));
    c.expect("-5400000000000", "time.parse_duration_ns", s("-1.5h"));
    c.expect("1000", "time.parse_duration_ns", s("1us"));
    c.expect("1500", "time.parse_duration_ns", s("1.5\u00b5s"));
    c.expect("2000", "time.parse_duration_ns", s("2\u03bcs"));
    c.expect("7", "time.parse_duration_ns", s("7ns"));
    c.expect("0", "time.parse_duration_ns", s("0"));
    c.expect("0", "time.parse_duration_ns", s("-0"));
    c.expect("500000000", "time.parse_duration_ns", s(".5s"));
    c.expect("9223372036854775807", "time.parse_duration_ns", s("9223372036854775807ns"));
    c.expect("-9223372036854775808", "time.parse_duration_ns", s("-9223372036854775808ns"));
    // A fraction of an hour, computed with float64 and truncated as Go does.
    c.expect("1234567890", "time.parse_duration_ns", s("0.000342935525277777h"));
    c.expectError(EvalException.BUILTIN, "time: invalid duration \"9223372036854775808ns\"",
        "time.parse_duration_ns", s("9223372036854775808ns"));
    c.expectError(EvalException.BUILTIN, "time: invalid duration \"x\"", "time.parse_duration_ns", s("x"));
    c.expectError(EvalException.BUILTIN, "time: invalid duration \"\"", "time.parse_duration_ns", s(""));
    c.expectError(EvalException.BUILTIN, "time: invalid duration \".s\"", "time.parse_duration_ns", s(".s"));
    c.expectError(EvalException.BUILTIN, "time: missing unit in duration \"1\"", "time.parse_duration_ns", s("1"));
    c.expectError(EvalException.BUILTIN, "time: unknown unit \"d\" in duration \"1d\"", "time.parse_duration_ns", s("1d"));
    c.expectError(EvalException.BUILTIN, "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"",
        "time.parse_duration_ns", s("1\u00b5"));
  }

  @Test
  void formatsAsConformanceSuite() {
    long t = 1670006453141828752L;
    calls.expect("\"2022-12-02T18:40:53.141828752Z\"", "time.format", n(t));
    calls.expect("\"2022-12-03T00:10:53.141828752+05:30\"", "time.format", a(n(t), s("Asia/Kolkata")));
    calls.expect("\"Sat Dec 03 00:10:53 +0530 2022\"", "time.format",
        a(n(t), s("Asia/Kolkata"), s("Mon Jan 02 15:04:05 -0700 2006")));
    calls.expect("\"Sat, 03 Dec 2022 00:10:53 +0530\"", "time.format", a(n(t), s("Asia/Kolkata"), s("RFC1123Z")));
    calls.expectError(EvalException.BUILTIN, "timestamp too big", "time.format", n("1.5829776e25"));
  }

  @Test
  void formatsEveryElement() {
    long t = ns("2021-03-04T05:06:07.120Z");
    calls.expect("\"Thu Mar  4 05:06:07 UTC 2021\"", "time.format", a(n(t), s(""), s("UnixDate")));
    calls.expect("\"Thursday March 4 21 5:6:7 am 05 063  63 .120 .12 ,1\"", "time.format",
        a(n(t), s("UTC"), s("Monday January 2 06 3:4:5 pm 03 002 __2 .000 .999 ,9")));
    calls.expect("\"Z Z Z +00:00 +0000 +00\"", "time.format",
        a(n(t), s("UTC"), s("Z07:00 Z0700 Z07 -07:00 -0700 -07")));
    calls.expect("\"2021-03-03 21:06:07 PST -08:00 -08 -08:00:00 -080000\"", "time.format",
        a(n(t), s("America/Los_Angeles"), s("2006-01-02 15:04:05 MST Z07:00 Z07 -07:00:00 -070000")));
    calls.expect("\"2021-03-04T10:51:07+05:45 +0545\"", "time.format", a(n(t), s("Asia/Kathmandu"), s("2006-01-02T15:04:05Z07:00 MST")));
    calls.expect("\"+04\"", "time.format", a(n(t), s("Asia/Dubai"), s("MST")));
    calls.expect("\"PDT -0700\"", "time.format", a(n(ns("2021-07-01T00:00:00Z")), s("America/Los_Angeles"), s("MST -0700")));
    calls.expect("\"CEST\"", "time.format", a(n(ns("2021-07-01T00:00:00Z")), s("Europe/Berlin"), s("MST")));
    calls.expect("\"CET\"", "time.format", a(n(ns("2021-01-01T00:00:00Z")), s("Europe/Berlin"), s("MST")));
    // An empty layout means the default, RFC 3339 with nanoseconds.
    calls.expect("\"2021-03-04T05:06:07.12Z\"", "time.format", a(n(t), s("UTC"), s("")));
    calls.expect("\"literal text\"", "time.format", a(n(t), s("UTC"), s("literal text")));
    // "Jan" followed by a lower-case letter is not the month.
    calls.expect("\"Janet 4\"", "time.format", a(n(t), s("UTC"), s("Janet 2")));
  }

  @Test
  void dateClockWeekday() {
    long t = 1517814000L * 1_000_000_000L;
    calls.expect("[2018, 2, 5]", "time.date", n(t));
    calls.expect("[2018, 2, 4]", "time.date", a(n(t), s("America/Los_Angeles")));
    calls.expect("[2018, 2, 5]", "time.date", a(n(1517832000L * 1_000_000_000L), s("")));
    calls.expect("[12, 0, 0]", "time.clock", n(1517832000L * 1_000_000_000L));
    calls.expect("[7, 0, 0]", "time.clock", a(n(1517832000L * 1_000_000_000L), s("America/New_York")));
    calls.expect("[12, 0, 0]", "time.clock", n(1582977600L * 1_000_000_000L));
    calls.expect("\"Monday\"", "time.weekday", n(1517832000000000000L));
    calls.expect("\"Sunday\"", "time.weekday", n(1518350400000000000L));
    calls.expect("\"Friday\"", "time.weekday", n(1518177600000000000L));
    calls.expect("[1969, 12, 31]", "time.date", n(-1));
    calls.expect("[23, 59, 59]", "time.clock", n(-1));
    calls.expect("[1677, 9, 21]", "time.date", n(Long.MIN_VALUE));
    calls.expect("[2262, 4, 11]", "time.date", n(Long.MAX_VALUE));
    // 1e18 is an integer however it is written
    calls.expect("[2001, 9, 9]", "time.date", n("1e18"));
  }

  @Test
  void timestampOperandErrors() {
    calls.expectError(EvalException.BUILTIN, "timestamp too big", "time.date", n("1582977600000000000000"));
    calls.expectError(EvalException.BUILTIN, "timestamp too big", "time.weekday", n("9223372036854775808"));
    calls.expectError(EvalException.BUILTIN, "timestamp too big", "time.clock", n("1.5"));
    calls.expectError(EvalException.TYPE,
        "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string", "time.date", s("now"));
    calls.expectError(EvalException.TYPE,
        "operand 1 must be either number (ns) or [number (ns), string (tz)] but got array", "time.date", a());
    calls.expectError(EvalException.TYPE, "operand 1 must be number but got string", "time.date", a(s("1")));
    calls.expectError(EvalException.TYPE, "operand 1 must be string but got number", "time.date", a(n(1), n(2)));
    calls.expectError(EvalException.TYPE, "operand 1 must be string but got boolean", "time.format",
        a(n(1), s("UTC"), dev.mandate.rego.value.BooleanValue.TRUE));
  }

  @Test
  void timeZones() {
    calls.expectError(EvalException.BUILTIN, "unknown time zone Mars/Olympus", "time.date", a(n(0), s("Mars/Olympus")));
    calls.expectError(EvalException.BUILTIN, "unknown time zone america/new_york", "time.date", a(n(0), s("america/new_york")));
    calls.expectError(EvalException.BUILTIN, "time: invalid location name", "time.date", a(n(0), s("../etc/passwd")));
    calls.expectError(EvalException.BUILTIN, "time: invalid location name", "time.date", a(n(0), s("/UTC")));
    calls.expect("[1969, 12, 31]", "time.date", a(n(0), s("EST")));
    calls.expect("[1970, 1, 1]", "time.date", a(n(0), s("Etc/GMT-1")));
    calls.expect("[0, 0, 0]", "time.clock", a(n(0), s("UTC")));
    java.time.LocalDate local = Instant.EPOCH.atZone(java.time.ZoneId.systemDefault()).toLocalDate();
    calls.expect("[" + local.getYear() + ", " + local.getMonthValue() + ", " + local.getDayOfMonth() + "]",
        "time.date", a(n(0), s("Local")));
  }

  @Test
  void addDateNormalisesLikeGo() {
    calls.expect("1705257221593912000", "time.add_date", n(1585852421593912000L), n(3), n(9), n(12));
    // Feb 29 plus a year overflows into March; Jan 31 plus a month into March.
    calls.expect(Long.toString(ns("2021-03-01T10:00:00Z")), "time.add_date", n(ns("2020-02-29T10:00:00Z")), n(1), n(0), n(0));
    calls.expect(Long.toString(ns("2020-03-02T00:00:00Z")), "time.add_date", n(ns("2020-01-31T00:00:00Z")), n(0), n(1), n(0));
    calls.expect(Long.toString(ns("2019-12-31T00:00:00Z")), "time.add_date", n(ns("2020-01-01T00:00:00Z")), n(0), n(0), n(-1));
    calls.expect(Long.toString(ns("2018-11-30T00:00:00Z")), "time.add_date", n(ns("2020-01-30T00:00:00Z")), n(-1), n(-2), n(0));
    calls.expectError(EvalException.BUILTIN, "time outside of valid range", "time.add_date", n(0), n(2262), n(1), n(1));
    calls.expectError(EvalException.BUILTIN, "time outside of valid range", "time.add_date", n(0), n(Long.MAX_VALUE), n(0), n(0));
    calls.expectError(EvalException.TYPE, "operand 2 must be integer number but got floating-point number",
        "time.add_date", n(0), n("1.5"), n(0), n(0));
    calls.expectError(EvalException.TYPE, "operand 4 must be number but got string", "time.add_date", n(0), n(0), n(0), s("1"));
  }

  @Test
  void addDateAcrossDaylightSavingTransitionsResolvesAsGo() {
    // 2021-03-14 02:30 does not exist in New York; Go lands on 01:30 EST (06:30Z).
    long before = ns("2021-03-13T07:30:00Z"); // 02:30 EST
    calls.expect(Long.toString(ns("2021-03-14T06:30:00Z")), "time.add_date",
        a(n(before), s("America/New_York")), n(0), n(0), n(1));
    // 2021-11-07 01:30 happens twice; Go picks the first (EDT, 05:30Z).
    long autumn = ns("2021-11-06T05:30:00Z"); // 01:30 EDT
    calls.expect(Long.toString(ns("2021-11-07T05:30:00Z")), "time.add_date",
        a(n(autumn), s("America/New_York")), n(0), n(0), n(1));
    // An ordinary day keeps the wall clock across the change: 12:00 EST + 1 day = 12:00 EDT.
    calls.expect(Long.toString(ns("2021-03-14T16:00:00Z")), "time.add_date",
        a(n(ns("2021-03-13T17:00:00Z")), s("America/New_York")), n(0), n(0), n(1));
  }

  @Test
  void diffAsOpa() {
    long now = 1670006453141828752L;
    calls.expect("[0, 0, 0, 0, 1, 1]", "time.diff", n(now + 61_000_000_000L), n(now));
    calls.expect("[0, 0, 0, 0, 1, 0]", "time.diff", a(n(now + 60_000_000_000L), s("UTC")), a(n(now), s("Asia/Shanghai")));
    calls.expect("[0, 0, 28, 0, 0, 0]", "time.diff", n(ns("2020-02-02T00:00:00Z")), n(ns("2020-03-01T00:00:00Z")));
    calls.expect("[0, 0, 27, 0, 0, 0]", "time.diff", n(ns("2021-02-02T00:00:00Z")), n(ns("2021-03-01T00:00:00Z")));
    calls.expect("[1, 0, 1, 0, 0, 0]", "time.diff", n(ns("2004-02-29T00:00:00Z")), n(ns("2005-03-01T00:00:00Z")));
    calls.expect("[0, 0, 0, 0, 0, 0]", "time.diff", n(5), n(7));
    calls.expect("[0, 11, 30, 23, 59, 59]", "time.diff", n(ns("2020-01-01T00:00:00Z")), n(ns("2020-12-31T23:59:59Z")));
    calls.expectError(EvalException.TYPE,
        "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string", "time.diff", n(0), s("x"));
  }
}
