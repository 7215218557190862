package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The RFC 3339 shortcut must never change an answer: whatever it accepts, the general parser
 * (the layout read element by element) accepts with the same instant.
 */
class GoTimeParseRfc3339Test {
  /** Whether the shortcut accepted the value (and then agreed). */
  private static boolean agrees(String value) {
    GoTimeParse.Instant fast = GoTimeParse.parseRfc3339(value);
    if (fast == null) {
      return false;
    }
    for (String layout : List.of(GoLayout.RFC3339, GoLayout.RFC3339_NANO)) {
      assertEquals(GoTimeParse.parseLayout(layout, value), fast, value + " with " + layout);
    }
    return true;
  }

  @Test
  void acceptsTheStrictFormWithTheGeneralParsersInstant() {
    for (String v : List.of("2017-06-02T19:00:00-07:00", "2017-06-03T02:00:00Z",
        "2017-06-03T02:00:00.123Z", "2017-06-03T02:00:00.123456789+05:30",
        "2017-06-03T02:00:00.1234567891234Z", "2024-02-29T23:59:59Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999-23:59", "1970-01-01T00:00:00-00:00")) {
      assertNotNull(GoTimeParse.parseRfc3339(v), v);
      agrees(v);
    }
  }

  @Test
  void leavesEverythingElseToTheGeneralParser() {
    for (String v : List.of("2017-06-03", "2017-06-03T02:00:00", "2017-06-03t02:00:00Z",
        "2017-06-03T02:00:00z", "2017-06-03T02:00:00,5Z", "2017-06-03T02:00:00.Z",
        "2023-02-29T00:00:00Z", "2017-13-03T02:00:00Z", "2017-06-03T24:00:00Z",
        "2017-06-03T02:60:00Z", "2017-06-03T02:00:60Z", "2017-06-03T02:00:00+24:00",
        "2017-06-03T02:00:00+05:60", "2017-06-03T02:00:00+0530", "2017-06-03T02:00:00 Z",
        "2017-06-03T02:00:00Z ", "+017-06-03T02:00:00Z", "2017-6-03T02:00:00Z",
        "2017/06/03T02:00:00Z", "2017-06-03T02:00:00UTC")) {
      assertNull(GoTimeParse.parseRfc3339(v), v);
    }
  }

  /** Random near-misses of the format: wherever the shortcut answers, both parsers agree. */
  @Test
  void agreesWithTheGeneralParserOnRandomVariants() {
    Random random = new Random(3339);
    String alphabet = "0123456789-:T.Z+,zt ";
    String base = "2019-11-30T23:58:59.987654321+01:30";
    int accepted = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder(base.substring(0, 19 + random.nextInt(base.length() - 18)));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(sb.length());
        sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextBoolean()) {
        sb.append('Z');
      }
      if (agrees(sb.toString())) {
        accepted++;
      }
    }
    assertTrue(accepted > 500, "the shortcut accepted only " + accepted + " variants");
  }
}
