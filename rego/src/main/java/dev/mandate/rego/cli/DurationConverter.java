package dev.mandate.rego.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Reads options such as {@code --timeout 10s} in Go's duration syntax, as opa does. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      Duration d = GoDurations.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw new CommandLine.TypeConversionException("duration must be positive: " + value);
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
