package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {
  @Test
  void formatsLikeGo() {
    assertEquals("0s", GoDurations.format(Duration.ZERO));
    assertEquals("999ns", GoDurations.format(Duration.ofNanos(999)));
    assertEquals("1.5µs", GoDurations.format(Duration.ofNanos(1_500)));
    assertEquals("1.234567ms", GoDurations.format(Duration.ofNanos(1_234_567)));
    assertEquals("2ms", GoDurations.format(Duration.ofMillis(2)));
    assertEquals("1.5s", GoDurations.format(Duration.ofMillis(1_500)));
    assertEquals("1m30s", GoDurations.format(Duration.ofSeconds(90)));
    assertEquals("1h0m0s", GoDurations.format(Duration.ofHours(1)));
    assertEquals("2h3m4.000000005s", GoDurations.format(Duration.ofSeconds(7384, 5)));
  }

  @Test
  void parsesGoSyntax() {
    assertEquals(Duration.ofSeconds(10), GoDurations.parse("10s"));
    assertEquals(Duration.ofMillis(250), GoDurations.parse("250ms"));
    assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
    assertEquals(Duration.ofMinutes(90), GoDurations.parse("1.5h"));
    assertEquals(Duration.ofNanos(1500), GoDurations.parse("1.5us"));
    assertEquals(Duration.ZERO, GoDurations.parse("0"));
  }

  @Test
  void rejectsMissingOrUnknownUnits() {
    assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10"));
    assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10 days"));
    assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(""));
  }
}
