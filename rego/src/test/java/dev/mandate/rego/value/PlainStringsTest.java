package dev.mandate.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainStringsTest {
  /** The rule spelt out, the reference for the table lookup. */
  private static int reference(byte[] text, int start, int limit) {
    for (int i = start; i < limit; i++) {
      int c = text[i] & 0xFF;
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\' || c > 0x7F) {
        return -1;
      }
    }
    return -1;
  }

  @Test
  void agreesWithAByteLoopOnEveryStoppingByteAtEveryOffset() {
    byte[] stops = {'"', '\\', 0x00, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
    for (byte stop : stops) {
      for (int len = 0; len < 40; len++) {
        for (int at = 0; at <= len; at++) {
          byte[] text = new byte[len + 1];
          java.util.Arrays.fill(text, (byte) 'a');
          text[at] = stop;
          for (int start = 0; start <= Math.min(at, 9); start++) {
            assertEquals(reference(text, start, text.length), PlainStrings.end(text, start, text.length),
                "stop " + stop + " at " + at + " from " + start + " of " + text.length);
          }
        }
      }
    }
  }

  @Test
  void agreesWithAByteLoopOnRandomText() {
    Random r = new Random(7519);
    byte[] alphabet = {' ', '~', 0x7F, 'a', 'Z', '0', '{', '}', '[', ':', ',', '"', '\\', 0x1F, (byte) 0x80};
    for (int n = 0; n < 20_000; n++) {
      byte[] text = new byte[r.nextInt(48)];
      for (int i = 0; i < text.length; i++) {
        text[i] = r.nextInt(8) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) (0x20 + r.nextInt(0x60));
      }
      int start = text.length == 0 ? 0 : r.nextInt(text.length);
      int limit = start + (text.length == start ? 0 : r.nextInt(text.length - start + 1));
      assertEquals(reference(text, start, limit), PlainStrings.end(text, start, limit));
    }
  }
}
