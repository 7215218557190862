package dev.mandate.rego.builtins;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time zones as Go's {@code time.LoadLocation} knows them, backed by java.time's IANA database:
 * "" and "UTC" are UTC, "Local" is the system zone, anything else must be an IANA zone name.
 */
final class GoZones {
  private GoZones() {}

  private static final Set<String> IANA = ZoneId.getAvailableZoneIds();
  /** Legacy fixed-offset names in the IANA database that java.time only knows as short ids. */
  private static final Map<String, String> FIXED = Map.of("EST", "-05:00", "MST", "-07:00", "HST", "-10:00");
  private static final Map<String, ZoneId> CACHE = new ConcurrentHashMap<>();
  private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.US);

  static ZoneId load(String name) {
    switch (name) {
      case "", "UTC" -> {
        return ZoneOffset.UTC;
      }
      case "Local" -> {
        return ZoneId.systemDefault();
      }
      default -> {
        // Go refuses names that could escape its zoneinfo directory before looking them up.
        if (name.contains("..") || name.startsWith("/") || name.startsWith("\\")) {
          throw BuiltinException.error("time: invalid location name");
        }
        ZoneId cached = CACHE.get(name);
        if (cached != null) {
          return cached;
        }
        ZoneId zone;
        if (IANA.contains(name)) {
          zone = ZoneId.of(name);
        } else if (FIXED.containsKey(name)) {
          zone = ZoneId.of(FIXED.get(name));
        } else {
          throw BuiltinException.error("unknown time zone " + name);
        }
        CACHE.put(name, zone);
        return zone;
      }
    }
  }

  /**
   * The zone abbreviation Go prints for "MST" in a layout. Go reads it from the tz database;
   * java.time does not expose those, so this takes the US-English short name (which matches the
   * database for the zones that have letter abbreviations) and writes numeric names the way the
   * database does ("+04", "+0530").
   */
  static String abbreviation(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")) {
      return "UTC";
    }
    String name = ABBREVIATION.format(t);
    if (name.startsWith("GMT") && name.length() > 3) {
      int seconds = t.getOffset().getTotalSeconds();
      int minutes = Math.abs(seconds) / 60;
      StringBuilder b = new StringBuilder(seconds < 0 ? "-" : "+");
      GoTimeFormat.pad(b, minutes / 60, 2);
      if (minutes % 60 != 0) {
        GoTimeFormat.pad(b, minutes % 60, 2);
      }
      return b.toString();
    }
    return name;
  }

  /**
   * The Unix second of a wall-clock time in {@code zone}, given as the Unix second that wall
   * clock would be in UTC. Mirrors Go's {@code time.Date}: take the offset in force at the wall
   * time read as UTC, and if shifting by it leaves that offset's period, use the offset in force
   * at the shifted instant. This decides what happens in DST gaps and overlaps.
   */
  static long wallToUnix(long wall, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant at = Instant.ofEpochSecond(wall);
    int offset = rules.getOffset(at).getTotalSeconds();
    if (offset == 0) {
      return wall;
    }
    long utc = wall - offset;
    ZoneOffsetTransition previous = rules.previousTransition(at.plusNanos(1));
    ZoneOffsetTransition next = rules.nextTransition(at);
    long start = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
    long end = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    if (utc < start || utc >= end) {
      offset = rules.getOffset(Instant.ofEpochSecond(utc)).getTotalSeconds();
    }
    return wall - offset;
  }
}
