package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileSinkTest {
  @Test
  void countsLineSizesInUtf8BytesAsWritten() {
    for (String s : new String[] {"", "plain ascii", "é and ü", "€ sign", "emoji 😀 pair",
        "lone high \uD800 surrogate", "lone low \uDC00 surrogate", "\uD83D"}) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, RotatingFileSink.utf8Length(s), s);
    }
  }

  @Test
  void rotatesBeforeALineWouldPassTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.log");
    RotatingFileSink sink = new RotatingFileSink(file, 20, 3);
    sink.accept("0123456789€"); // 13 bytes + newline
    sink.accept("abc"); // 14 + 4 = 18: still fits
    sink.accept("defgh"); // 18 + 6 > 20: rotates first
    sink.close();
    assertEquals("0123456789€\nabc\n", Files.readString(file.resolveSibling("decisions.log.1")));
    assertEquals("defgh\n", Files.readString(file));
    assertTrue(Files.notExists(file.resolveSibling("decisions.log.2")));
  }
}
