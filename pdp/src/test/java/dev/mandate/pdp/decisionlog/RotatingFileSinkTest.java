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
  void rotatesBeforeALineWouldPassTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.log");
    RotatingFileSink sink = new RotatingFileSink(file, 20, 3);
    sink.accept(utf8("0123456789€")); // 13 bytes + newline
    sink.accept(utf8("abc")); // 14 + 4 = 18: still fits
    sink.accept(utf8("defgh")); // 18 + 6 > 20: rotates first
    sink.close();
    assertEquals("0123456789€\nabc\n", Files.readString(file.resolveSibling("decisions.log.1")));
    assertEquals("defgh\n", Files.readString(file));
    assertTrue(Files.notExists(file.resolveSibling("decisions.log.2")));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
