package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {
  private static final String[] SAMPLES = {"", "plain ascii", "é and ü", "€ sign",
      "emoji 😀 pair", "lone high \uD800 surrogate", "lone low \uDC00 surrogate", "\uD83D",
      "x".repeat(10_000) + "😀", "\uD83D\uD83D\uDE00"};

  @Test
  void encodesAsTheJdkDoesIncludingUnpairedSurrogates() {
    for (String s : SAMPLES) {
      Utf8Buffer b = new Utf8Buffer(1);
      b.write(s.toCharArray(), 0, s.length());
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), b.toByteArray(), s);
    }
  }

  @Test
  void joinsASurrogatePairSplitAcrossWrites() {
    for (String s : SAMPLES) {
      for (int cut = 0; cut <= s.length() && cut < 40; cut++) {
        Utf8Buffer b = new Utf8Buffer(8);
        b.write(s, 0, cut);
        b.write(s.toCharArray(), cut, s.length() - cut);
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), b.toByteArray(), s + " cut " + cut);
      }
    }
  }
}
