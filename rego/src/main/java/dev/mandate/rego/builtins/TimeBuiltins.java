package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * OPA's {@code time.*} built-ins. Times are int64 nanoseconds since the Unix epoch; layouts are
 * Go reference layouts; zones are IANA names. Results outside the int64 nanosecond range
 * (1677-09-21 to 2262-04-11) are errors, as in OPA.
 */
public final class TimeBuiltins {
  private TimeBuiltins() {}

  private static final long NANOS = 1_000_000_000L;
  private static final String OUT_OF_RANGE = "time outside of valid range";
  private static final String TIME_OPERAND = "either number (ns) or [number (ns), string (tz)]";

  public static void register(BuiltinRegistry r) {
    r.function("time.now_ns", 0, (ctx, args) -> NumberValue.of(ctx.nowNanos()));
    r.function("time.parse_ns", 2, (ctx, args) -> {
      String layout = GoLayout.resolve(Args.string(args, 0));
      String value = Args.string(args, 1);
      return unixNanos(GoTimeParse.parse(layout, value));
    });
    r.function("time.parse_rfc3339_ns", 1,
        (ctx, args) -> unixNanos(GoTimeParse.parse(GoLayout.RFC3339, Args.string(args, 0))));
    r.function("time.parse_duration_ns", 1,
        (ctx, args) -> NumberValue.of(GoDuration.parse(Args.string(args, 0))));
    r.function("time.format", 1, (ctx, args) -> {
      ZonedTime t = zonedTime(args[0]);
      String layout = t.layout().isEmpty() ? GoLayout.RFC3339_NANO : GoLayout.resolve(t.layout());
      return StringValue.of(GoTimeFormat.format(t.time(), layout));
    });
    r.function("time.date", 1, (ctx, args) -> {
      ZonedDateTime t = zonedTime(args[0]).time();
      return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()),
          NumberValue.of(t.getDayOfMonth()));
    });
    r.function("time.clock", 1, (ctx, args) -> {
      ZonedDateTime t = zonedTime(args[0]).time();
      return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()),
          NumberValue.of(t.getSecond()));
    });
    r.function("time.weekday", 1,
        (ctx, args) -> StringValue.of(GoTimeFormat.weekdayName(zonedTime(args[0]).time())));
    r.function("time.add_date", 4, (ctx, args) -> {
      ZonedDateTime t = zonedTime(args[0]).time();
      long years = IntOperands.int64(args, 1);
      long months = IntOperands.int64(args, 2);
      long days = IntOperands.int64(args, 3);
      return addDate(t, years, months, days);
    });
    r.function("time.diff", 2, (ctx, args) -> diff(zonedTime(args[0]).time(), zonedTime(args[1]).time()));
  }

  /** A time operand read as OPA reads it: its instant in its zone, and the optional layout. */
  private record ZonedTime(ZonedDateTime time, String layout) {}

  /**
   * {@code ns}, {@code [ns]}, {@code [ns, tz]} or {@code [ns, tz, layout]}. OPA reports every
   * problem here as one of operand 1, whichever operand it is.
   */
  private static ZonedTime zonedTime(Value v) {
    Value[] one = new Value[1];
    ZoneId zone = java.time.ZoneOffset.UTC;
    String layout = "";
    Value ns;
    if (v instanceof ArrayValue a) {
      if (a.isEmpty()) {
        throw Args.mismatch(0, TIME_OPERAND, v);
      }
      ns = a.get(0);
      one[0] = ns;
      Args.number(one, 0);
      if (a.size() > 1) {
        one[0] = a.get(1);
        zone = GoZones.load(Args.string(one, 0));
      }
      if (a.size() > 2) {
        one[0] = a.get(2);
        layout = Args.string(one, 0);
      }
    } else if (v instanceof NumberValue) {
      ns = v;
    } else {
      throw Args.mismatch(0, TIME_OPERAND, v);
    }
    NumberValue n = (NumberValue) ns;
    long nanos;
    if (n.isLong()) {
      nanos = n.longValue();
    } else {
      // OPA reads the number as a 64-bit-mantissa float and wants an exact int64.
      BigInteger i = BigFloat64.exactInteger(n.toBigDecimal());
      if (i == null || i.bitLength() > 63) {
        throw BuiltinException.error("timestamp too big");
      }
      nanos = i.longValue();
    }
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    return new ZonedTime(ZonedDateTime.ofInstant(instant, zone), layout);
  }

  private static NumberValue unixNanos(GoTimeParse.Instant t) {
    return unixNanos(t.unixSeconds(), t.nanos());
  }

  private static NumberValue unixNanos(long seconds, int nanos) {
    try {
      // For negative seconds, borrow one second first so the product cannot overflow needlessly.
      if (seconds < 0 && nanos > 0) {
        return NumberValue.of(Math.addExact(Math.multiplyExact(seconds + 1, NANOS), nanos - NANOS));
      }
      return NumberValue.of(Math.addExact(Math.multiplyExact(seconds, NANOS), nanos));
    } catch (ArithmeticException e) {
      throw BuiltinException.error(OUT_OF_RANGE);
    }
  }

  /**
   * Go's {@code AddDate}: add to the calendar fields and let them overflow (October 31 plus one
   * month is December 1), keeping the wall clock, then resolve the wall clock in the time's zone.
   */
  private static Value addDate(ZonedDateTime t, long years, long months, long days) {
    try {
      long totalMonths = Math.addExact(Math.addExact(Math.multiplyExact(
          Math.addExact((long) t.getYear(), years), 12L), (long) t.getMonthValue() - 1), months);
      long year = Math.floorDiv(totalMonths, 12L);
      int month = (int) Math.floorMod(totalMonths, 12L) + 1;
      if (year < -999_999_999L || year > 999_999_999L) {
        throw BuiltinException.error(OUT_OF_RANGE);
      }
      long epochDay = Math.addExact(LocalDate.of((int) year, month, 1).toEpochDay(),
          Math.addExact((long) t.getDayOfMonth() - 1, days));
      long wall = Math.addExact(Math.multiplyExact(epochDay, 86_400L), (long) t.toLocalTime().toSecondOfDay());
      long unix = GoZones.wallToUnix(wall, t.getZone());
      return unixNanos(unix, t.getNano());
    } catch (ArithmeticException e) {
      throw BuiltinException.error(OUT_OF_RANGE);
    }
  }

  /**
   * The calendar difference between two times as [years, months, days, hours, minutes, seconds],
   * computed in the first time's zone, later minus earlier, borrowing field by field; a borrowed
   * month has as many days as the earlier time's month.
   */
  private static Value diff(ZonedDateTime a, ZonedDateTime b) {
    ZonedDateTime t1 = a;
    ZonedDateTime t2 = b.withZoneSameInstant(a.getZone());
    if (t1.toInstant().isAfter(t2.toInstant())) {
      ZonedDateTime tmp = t1;
      t1 = t2;
      t2 = tmp;
    }
    int year = t2.getYear() - t1.getYear();
    int month = t2.getMonthValue() - t1.getMonthValue();
    int day = t2.getDayOfMonth() - t1.getDayOfMonth();
    int hour = t2.getHour() - t1.getHour();
    int min = t2.getMinute() - t1.getMinute();
    int sec = t2.getSecond() - t1.getSecond();
    if (sec < 0) {
      sec += 60;
      min--;
    }
    if (min < 0) {
      min += 60;
      hour--;
    }
    if (hour < 0) {
      hour += 24;
      day--;
    }
    if (day < 0) {
      day += t1.toLocalDate().lengthOfMonth();
      month--;
    }
    if (month < 0) {
      month += 12;
      year--;
    }
    return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day),
        NumberValue.of(hour), NumberValue.of(min), NumberValue.of(sec));
  }
}
