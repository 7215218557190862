package dev.mandate.pdp.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human-friendly quantities the config file uses: durations such as {@code 50ms},
 * {@code 1s}, {@code 2m} and sizes such as {@code 1MiB}, {@code 512KiB}, {@code 10MB}. A bare
 * number is milliseconds for a duration and bytes for a size, so YAML integers work too.
 */
public final class Quantities {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

  private Quantities() {}

  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new ConfigException("not a duration: \"" + text + "\" (use e.g. 50ms, 1s, 2m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "ns" -> Duration.ofNanos(n);
      case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> throw new ConfigException("unknown duration unit in \"" + text + "\"");
    };
  }

  public static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException("not a size: \"" + text + "\" (use e.g. 1MiB, 512KiB, 1000)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor = switch (unit) {
      case "b" -> 1L;
      case "k", "kb" -> 1000L;
      case "ki", "kib" -> 1024L;
      case "m", "mb" -> 1000L * 1000;
      case "mi", "mib" -> 1024L * 1024;
      case "g", "gb" -> 1000L * 1000 * 1000;
      case "gi", "gib" -> 1024L * 1024 * 1024;
      default -> throw new ConfigException("unknown size unit in \"" + text + "\"");
    };
    return Math.multiplyExact(n, factor);
  }
}
